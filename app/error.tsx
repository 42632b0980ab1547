'use client';

import { ErrorMessage } from '@/components/ui/ErrorMessage';

/** Catches a screen that failed to render, so the header stays usable and the advisor can try again. */
export default function ScreenError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && 'digest' in error ? String((error as Error & { digest?: string }).digest ?? '') : '';
  return (
    <div className="space-y-3">
      <h1>This screen failed to load</h1>
      <ErrorMessage error={digest ? `Something went wrong while showing this screen (reference ${digest}).` : error} onRetry={retry} />
    </div>
  );
}
