'use client';

import { useQueryClient } from '@tanstack/react-query';
import { documentsUrl, queryKeys, type DocumentScope } from '@/lib/client/queries';
import { FileUploader } from './FileUploader';

/** Uploads documents to a client's case or to the knowledge base, refreshing the lists that show them. */
export function UploadZone({ scope, title = 'Upload documents' }: { scope: DocumentScope; title?: string }) {
  const queryClient = useQueryClient();
  return (
    <FileUploader
      url={documentsUrl(scope)}
      title={title}
      onFileSettled={() => queryClient.invalidateQueries({ queryKey: queryKeys.documents(scope) })}
      onBatchSettled={() => void queryClient.invalidateQueries({ queryKey: queryKeys.clients })}
    />
  );
}
