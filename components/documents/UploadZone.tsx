'use client';

import { useQueryClient } from '@tanstack/react-query';
import { documentsUrl, queryKeys, type DocumentScope } from '@/lib/client/queries';
import type { DocumentView } from '@/lib/client/types';
import { FileUploader } from './FileUploader';

/** Times the list is fetched again when it still lacks a document just uploaded, and the wait between. */
const LIST_RETRIES = 5;
const LIST_RETRY_MS = 1_000;

/** Uploads documents to a client's case or to the knowledge base, refreshing the lists that show them. */
export function UploadZone({ scope, title = 'Upload documents' }: { scope: DocumentScope; title?: string }) {
  const queryClient = useQueryClient();
  const listKey = queryKeys.documents(scope);

  // A list fetched while the upload was still being saved can lack the new document, and the list
  // polls only while documents are in progress, so it is fetched again until the document shows.
  async function showUploaded(documentId: string | null) {
    for (let attempt = 0; attempt <= LIST_RETRIES; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, LIST_RETRY_MS));
      await queryClient.invalidateQueries({ queryKey: listKey });
      const listed = queryClient.getQueryData<{ documents: DocumentView[] }>(listKey)?.documents ?? [];
      if (documentId === null || listed.some((document) => document.id === documentId)) return;
    }
  }

  return (
    <FileUploader
      url={documentsUrl(scope)}
      title={title}
      onFileSettled={showUploaded}
      onBatchSettled={() => void queryClient.invalidateQueries({ queryKey: queryKeys.clients })}
    />
  );
}
