'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { deleteResource } from '@/lib/client/api';
import { queryKeys, refreshAfterDocumentChange, type DocumentScope } from '@/lib/client/queries';
import type { DocumentView } from '@/lib/client/types';

type DeleteDocumentButtonProps = {
  document: DocumentView;
  scope: DocumentScope;
  variant?: 'ghost' | 'secondary';
  /** Called once the document is deleted, e.g. to leave the document's own page. */
  onDeleted?: () => void;
};

/** Deletes a document after confirmation, with everything found in it. */
export function DeleteDocumentButton({ document, scope, variant = 'ghost', onDeleted }: DeleteDocumentButtonProps) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);

  const remove = useMutation({
    mutationFn: () => deleteResource(`/api/documents/${document.id}`),
    onSuccess: async () => {
      setConfirming(false);
      // Removed rather than refreshed, so a page still showing the document does not fetch it and show "not found".
      queryClient.removeQueries({ queryKey: queryKeys.document(document.id), exact: true });
      queryClient.removeQueries({ queryKey: queryKeys.pages(document.id), exact: true });
      onDeleted?.();
      await queryClient.invalidateQueries({ queryKey: queryKeys.documents(scope) });
      refreshAfterDocumentChange(queryClient, scope, document.id);
    },
  });

  return (
    <>
      <Button variant={variant} size="sm" onClick={() => setConfirming(true)} aria-label={`Delete ${document.filename}`} data-testid="document-delete">
        Delete
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Delete “${document.filename}”?`}
        confirmLabel="Delete document"
        busy={remove.isPending}
        error={remove.isError ? remove.error : undefined}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setConfirming(false);
          remove.reset();
        }}
      >
        <p>
          {scope.kind === 'client'
            ? 'The file, its pages and the debts and graph entries found in it will be removed.'
            : 'The file and its pages will be removed, and answers will no longer cite it.'}{' '}
          This cannot be undone.
        </p>
        {scope.kind === 'client' && (
          <p>
            Your corrections and merge decisions on a debt that only this document mentions go with it, and uploading the file again does not bring them back.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
