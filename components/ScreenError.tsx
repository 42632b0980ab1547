'use client';

import { ErrorMessage } from '@/components/ui/ErrorMessage';

/**
 * Shows a screen that failed to render with a way to try again. Each route group's error.tsx uses it,
 * so the group's header stays in place.
 */
export function ScreenError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && 'digest' in error ? String((error as Error & { digest?: string }).digest ?? '') : '';
  return (
    <div className="space-y-3">
      <h1>This screen failed to load</h1>
      <ErrorMessage error={digest ? `Something went wrong while showing this screen (reference ${digest}).` : error} onRetry={retry} />
    </div>
  );
}
