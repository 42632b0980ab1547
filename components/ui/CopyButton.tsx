'use client';

import { useEffect, useState } from 'react';
import { Button, type ButtonProps } from './Button';

const CONFIRMATION_MS = 2_000;

/**
 * Copies text to the clipboard and confirms it for two seconds. The Clipboard API exists only on
 * secure pages (https or localhost). Elsewhere, or when the browser rejects the write, it asks the
 * user to copy by hand.
 */
export function CopyButton({ text, label = 'Copy', ...rest }: Omit<ButtonProps, 'onClick' | 'children'> & { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" size="sm" onClick={() => void copy()} {...rest}>
        {state === 'copied' ? 'Copied' : label}
      </Button>
      <span role="status" className="text-xs text-slate-600">
        {state === 'copied' && 'Copied to the clipboard.'}
        {state === 'failed' && 'Copying is blocked here: select the text and press Ctrl+C.'}
      </span>
    </span>
  );
}
