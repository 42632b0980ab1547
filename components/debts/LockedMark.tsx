import { fieldLabels } from '@/lib/client/debt-corrections';
import type { DebtField } from '@/lib/client/types';

/** Renders a padlock beside a value an advisor corrected or locked, which later letters do not change. */
export function LockedMark({ field }: { field: DebtField }) {
  const text = `${fieldLabels[field]} locked by an advisor`;
  return (
    <span className="ml-1 inline-flex align-middle text-slate-600" title={text} data-testid={`debt-locked-${field}`}>
      <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
        <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 6V4.5a2 2 0 1 1 4 0V7H6Z" />
      </svg>
      <span className="sr-only">{text}</span>
    </span>
  );
}
