'use client';

import { useQuery } from '@tanstack/react-query';
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { Card } from '@/components/ui/Card';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { isFinished, plural } from '@/lib/client/format';
import { fetchPublicUploadDocuments, queryKeys } from '@/lib/client/queries';
import type { DocumentStatus, PublicUploadDocument } from '@/lib/client/types';

const POLL_MS = 2_000;

/** Each processing state in words a client understands. */
const clientStatuses: Record<DocumentStatus, { label: string; tone: BadgeTone }> = {
  queued: { label: 'Received', tone: 'neutral' },
  processing: { label: 'Reading', tone: 'info' },
  ready: { label: 'Ready', tone: 'success' },
  failed: { label: 'Could not be read', tone: 'danger' },
};

/** Lists the documents sent through this link, polling until each has been read or has failed. */
export function SentDocuments({ token }: { token: string }) {
  const documents = useQuery({
    queryKey: queryKeys.publicUploadDocuments(token),
    queryFn: () => fetchPublicUploadDocuments(token),
    refetchInterval: (query) => (query.state.data?.documents.some((document) => !isFinished(document.status)) ? POLL_MS : false),
  });

  if (documents.isPending) return null;
  if (documents.isError) return <ErrorMessage error={documents.error} title="The documents you have sent could not be listed." onRetry={() => void documents.refetch()} />;
  if (documents.data.documents.length === 0) return null;

  const list = documents.data.documents;
  const ready = list.filter((document) => document.status === 'ready').length;
  return (
    <Card title="Documents you have sent" description={`${plural(list.length, 'document')}, ${ready} read so far. You can close this page at any time: your advisor already has what you sent.`}>
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" data-testid="sent-documents">
        {list.map((document) => (
          <SentDocumentRow key={document.id} document={document} />
        ))}
      </ul>
    </Card>
  );
}

function SentDocumentRow({ document }: { document: PublicUploadDocument }) {
  const status = clientStatuses[document.status];
  return (
    <li className="px-3 py-3 text-sm" data-testid="sent-document" data-document-id={document.id} data-status={document.status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="min-w-0 truncate font-medium">{document.filename}</span>
        <Badge tone={status.tone} data-testid="sent-document-status">
          {status.label}
        </Badge>
      </div>
      {document.status === 'processing' && (
        <ProgressBar
          className="mt-2"
          label={`Reading ${document.filename}`}
          value={document.pagesTotal ? document.pagesDone : null}
          max={document.pagesTotal ?? 1}
          valueText={document.pagesTotal ? `${document.pagesDone} of ${plural(document.pagesTotal, 'page')}` : undefined}
          tone="sky"
        />
      )}
      {document.status === 'failed' && (
        <p className="mt-1 text-red-800" data-testid="sent-document-error">
          {document.failure ?? 'This file could not be read. You can send a clearer copy.'}
        </p>
      )}
    </li>
  );
}
