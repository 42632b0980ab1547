'use client';

import { Button } from '@/components/ui/Button';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import type { DocumentScope } from '@/lib/client/queries';
import type { DocumentView } from '@/lib/client/types';
import { useRetryDocument } from './useRetryDocument';

/**
 * Offers to process a ready document again. Its warnings often come from a model server that was
 * down while it was read: OCR instead of the vision model, no semantic search, debts found by rules
 * alone. Reading it again once the server is back gives a better result.
 */
export function ReprocessDocument({ document, scope }: { document: DocumentView; scope: DocumentScope }) {
  const reprocess = useRetryDocument(document, scope);
  const replaced = scope.kind === 'client' ? 'its pages and the debts found in it' : 'its pages';

  return (
    <div className="space-y-2" data-testid="document-reprocess-offer">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Button variant="secondary" size="sm" busy={reprocess.isPending} onClick={() => reprocess.mutate({})} aria-label={`Process ${document.filename} again`} data-testid="document-reprocess">
          Process again
        </Button>
        <p className="text-xs text-slate-600">Reads the document again with the models available now, and replaces {replaced}.</p>
      </div>
      {reprocess.isError && <ErrorMessage error={reprocess.error} title="The document could not be queued again." />}
    </div>
  );
}
