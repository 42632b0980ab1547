'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Loading } from '@/components/ui/Loading';
import { isFinished, plural } from '@/lib/client/format';
import { fetchDocuments, queryKeys, refreshAfterDocumentChange, type DocumentScope } from '@/lib/client/queries';
import type { DocumentView } from '@/lib/client/types';
import { DeleteDocumentButton } from './DeleteDocumentButton';
import { documentFacts, DocumentProgress, DocumentStatusBadge, SentByClientBadge } from './DocumentStatus';
import { DocumentNotice } from './DocumentNotice';
import { FailedDocumentActions } from './FailedDocumentActions';
import { useDocumentProgress } from './useDocumentProgress';

/**
 * Chromium and Firefox open at most six HTTP/1.1 connections to one server, so only a few unfinished documents
 * get an event stream each. The list is polled while more are waiting.
 */
const MAX_EVENT_STREAMS = 2;
const LIST_POLL_MS = 2_000;

/** Lists a scope's documents with their progress. Without `canChange` it offers no delete, retry or processing again, as for an advisor in the knowledge base. */
export function DocumentList({ scope, emptyText, canChange = true }: { scope: DocumentScope; emptyText: string; canChange?: boolean }) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.documents(scope),
    queryFn: () => fetchDocuments(scope),
    refetchInterval: (query) => {
      const unfinished = query.state.data?.documents.filter((document) => !isFinished(document.status)).length ?? 0;
      return unfinished > MAX_EVENT_STREAMS ? LIST_POLL_MS : false;
    },
  });
  const documents = list.data?.documents;

  // When a document finishes, whichever way the news arrived, the debts, counts and graph change too.
  const previousStatuses = useRef(new Map<string, string>());
  useEffect(() => {
    if (!documents) return;
    for (const document of documents) {
      const before = previousStatuses.current.get(document.id);
      if (before && !isFinished(before as DocumentView['status']) && isFinished(document.status)) {
        refreshAfterDocumentChange(queryClient, scope, document.id);
      }
    }
    previousStatuses.current = new Map(documents.map((document) => [document.id, document.status]));
  }, [documents, queryClient, scope]);

  if (list.isPending) return <Loading label="Loading documents…" />;
  if (list.isError) return <ErrorMessage error={list.error} title="The documents could not be loaded." onRetry={() => void list.refetch()} />;
  if (!documents || documents.length === 0) return <EmptyState title="No documents yet" data-testid="documents-empty">{emptyText}</EmptyState>;

  const streamed = new Set(
    documents
      .filter((document) => !isFinished(document.status))
      .sort((a, b) => Number(b.status === 'processing') - Number(a.status === 'processing'))
      .slice(0, MAX_EVENT_STREAMS)
      .map((document) => document.id),
  );
  const readyCount = documents.filter((document) => document.status === 'ready').length;

  return (
    <div>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {plural(documents.length, 'document')}, {readyCount} ready
      </p>
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" data-testid="document-list">
        {documents.map((document) => (
          <DocumentRow key={document.id} document={document} scope={scope} streamed={streamed.has(document.id)} canChange={canChange} />
        ))}
      </ul>
    </div>
  );
}

function DocumentRow({ document, scope, streamed, canChange }: { document: DocumentView; scope: DocumentScope; streamed: boolean; canChange: boolean }) {
  useDocumentProgress(document.id, scope, streamed);

  return (
    <li className="px-3 py-3" data-testid="document-row" data-document-id={document.id} data-status={document.status}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            {document.status === 'ready' ? (
              <Link href={`/documents/${document.id}`} className="truncate font-medium underline-offset-2 hover:underline" data-testid="document-link">
                {document.filename}
              </Link>
            ) : (
              <span className="truncate font-medium text-slate-900" data-testid="document-name">
                {document.filename}
              </span>
            )}
            <DocumentStatusBadge status={document.status} />
            <SentByClientBadge document={document} />
          </div>
          <p className="mt-0.5 text-xs text-slate-600">
            {documentFacts(document)}
          </p>
        </div>
        {canChange && <DeleteDocumentButton document={document} scope={scope} />}
      </div>

      <div className="mt-2 space-y-2 empty:hidden">
        <DocumentProgress document={document} />
        {document.status === 'failed' &&
          (canChange ? (
            <FailedDocumentActions document={document} scope={scope} />
          ) : (
            <p className="text-sm text-red-800" data-testid="document-error">
              {document.errorMessage ?? 'Processing failed.'}
            </p>
          ))}
        {document.status === 'ready' && <DocumentNotice document={document} scope={scope} canChange={canChange} compact />}
      </div>
    </li>
  );
}
