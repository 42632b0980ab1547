'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { postJson } from '@/lib/client/api';
import { storeDocumentView, type DocumentScope } from '@/lib/client/queries';
import type { DocumentDetail, DocumentView } from '@/lib/client/types';

/**
 * Queues a document to be processed again, optionally with the password of a protected PDF. The
 * server responds with 202 and the document back in the queue, which the lists and the page then show.
 */
export function useRetryDocument(document: DocumentView, scope: DocumentScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { password?: string }) => postJson<DocumentDetail>(`/api/documents/${document.id}/retry`, body),
    onSuccess: (view) => storeDocumentView(queryClient, scope, view),
  });
}
