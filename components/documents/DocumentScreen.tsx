'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useCurrentUser } from '@/components/auth/CurrentUser';
import { Markdown } from '@/components/Markdown';
import { RecordLoadError } from '@/components/RecordUnavailable';
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Loading } from '@/components/ui/Loading';
import { formatNote, isFinished, pageMethodLabel, plural } from '@/lib/client/format';
import { fetchClient, fetchDocument, fetchPages, queryKeys, refreshAfterDocumentChange, type DocumentScope } from '@/lib/client/queries';
import type { DocumentDetail, Page } from '@/lib/client/types';
import { DeleteDocumentButton } from './DeleteDocumentButton';
import { DocumentNotice } from './DocumentNotice';
import { documentFacts, DocumentProgress, DocumentStatusBadge, SentByClientBadge } from './DocumentStatus';
import { FailedDocumentActions } from './FailedDocumentActions';
import { useDocumentProgress } from './useDocumentProgress';

const methodTones: Record<Page['method'], BadgeTone> = { 'text-layer': 'success', vision: 'info', ocr: 'warning', none: 'danger' };

function scopeOf(document: DocumentDetail): DocumentScope {
  return document.clientId ? { kind: 'client', clientId: document.clientId } : { kind: 'knowledge' };
}

/** Shows one document: its status, links to the original and the markdown, and each page as read. */
export function DocumentScreen({ documentId }: { documentId: string }) {
  const document = useQuery({ queryKey: queryKeys.document(documentId), queryFn: () => fetchDocument(documentId) });

  if (document.isPending) return <Loading label="Loading document…" />;
  if (document.isError) return <RecordLoadError subject="document" error={document.error} onRetry={() => void document.refetch()} />;
  return <DocumentDetailView document={document.data} />;
}

function DocumentDetailView({ document }: { document: DocumentDetail }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const scope = scopeOf(document);
  // Only admins change knowledge-base documents. Anyone who may open a client's documents may change them.
  const isAdmin = useCurrentUser()?.role === 'admin';
  const canChange = scope.kind === 'client' || isAdmin;
  const finished = isFinished(document.status);
  useDocumentProgress(document.id, scope, !finished);

  // Pages are saved as they are read, so the list is refreshed whenever the count moves or processing ends.
  const lastSeen = useRef({ pagesDone: document.pagesDone, finished });
  useEffect(() => {
    const before = lastSeen.current;
    if (!before.finished && finished) refreshAfterDocumentChange(queryClient, scope, document.id);
    else if (before.pagesDone !== document.pagesDone) void queryClient.invalidateQueries({ queryKey: queryKeys.pages(document.id) });
    lastSeen.current = { pagesDone: document.pagesDone, finished };
  }, [document.pagesDone, finished, document.id, queryClient, scope]);

  const backLink = useBackLink(scope);

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={backLink.href} data-testid="document-back-link">
            {backLink.label}
          </Link>
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="break-all" data-testid="document-title">
            {document.filename}
          </h1>
          <DocumentStatusBadge status={document.status} />
          <SentByClientBadge document={document} />
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {documentFacts(document)}
        </p>
        <p className="mt-2 flex flex-wrap gap-4 text-sm">
          <a href={`/api/documents/${document.id}/file`} target="_blank" rel="noreferrer" data-testid="document-file-link">
            Open the original file
          </a>
          {document.status === 'ready' && (
            <a href={`/api/documents/${document.id}/markdown`} target="_blank" rel="noreferrer" data-testid="document-markdown-link">
              Open as markdown
            </a>
          )}
        </p>
      </div>

      {!finished && (
        <Card title="Processing">
          <DocumentProgress document={document} />
        </Card>
      )}
      {document.status === 'failed' && (
        <Card title="Processing failed" actions={canChange && <DeleteDocumentButton document={document} scope={scope} variant="secondary" onDeleted={() => router.push(backLink.href)} />}>
          {canChange ? (
            <FailedDocumentActions document={document} scope={scope} />
          ) : (
            <p className="text-sm text-red-800" data-testid="document-error">
              {document.errorMessage ?? 'Processing failed.'} Only an admin can change a knowledge-base document.
            </p>
          )}
        </Card>
      )}
      <DocumentNotice document={document} scope={scope} canChange={canChange} />

      <PageList documentId={document.id} pagesTotal={document.pagesTotal} finished={finished} />
    </div>
  );
}

/**
 * Returns the link back to where the document belongs. A client's link names the client once their
 * record has loaded, and usually it is already cached from the client's page.
 */
function useBackLink(scope: DocumentScope): { href: string; label: string } {
  const clientId = scope.kind === 'client' ? scope.clientId : null;
  const client = useQuery({ queryKey: queryKeys.client(clientId ?? ''), queryFn: () => fetchClient(clientId!), enabled: clientId !== null });
  if (clientId === null) return { href: '/knowledge', label: 'Back to the knowledge base' };
  return { href: `/clients/${clientId}`, label: client.data ? `Back to ${client.data.name}` : 'Back to the client' };
}

function PageList({ documentId, pagesTotal, finished }: { documentId: string; pagesTotal: number | null; finished: boolean }) {
  const pages = useQuery({ queryKey: queryKeys.pages(documentId), queryFn: () => fetchPages(documentId) });
  const loadedCount = pages.data?.pages.length ?? 0;

  // The browser scrolls to #page-N before the pages exist, so scroll again once they are rendered.
  const scrolled = useRef(false);
  useEffect(() => {
    if (scrolled.current || loadedCount === 0 || !window.location.hash) return;
    const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target) {
      target.scrollIntoView({ block: 'start' });
      scrolled.current = true;
    }
  }, [loadedCount]);

  if (pages.isPending) return <Loading label="Loading pages…" />;
  if (pages.isError) return <ErrorMessage error={pages.error} title="The pages could not be loaded." onRetry={() => void pages.refetch()} />;
  if (pages.data.pages.length === 0) {
    return <EmptyState title="No pages yet">{finished ? 'No page of this document could be read.' : 'Pages appear here as they are read.'}</EmptyState>;
  }

  return (
    <div className="space-y-4">
      <nav aria-label="Pages" className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">
          {pagesTotal && loadedCount < pagesTotal ? `${loadedCount} of ${plural(pagesTotal, 'page')} read:` : 'Go to page:'}
        </span>
        {pages.data.pages.map((page) => (
          <a key={page.pageNumber} href={`#page-${page.pageNumber}`} className="rounded px-1.5 py-0.5 ring-1 ring-slate-300 hover:bg-slate-100">
            {page.pageNumber}
          </a>
        ))}
      </nav>
      {pages.data.pages.map((page) => (
        <PageView key={page.pageNumber} documentId={documentId} page={page} />
      ))}
    </div>
  );
}

/** Pages whose text was read from a picture of the page, and so may hold misread figures and names. */
const readFromPicture = new Set<Page['method']>(['ocr', 'vision', 'none']);

function PageView({ documentId, page }: { documentId: string; page: Page }) {
  // Text read by OCR is the likeliest to be wrong, and a page with no text has nothing else to show.
  const [showPicture, setShowPicture] = useState(page.method === 'ocr' || page.method === 'none');
  const text = page.markdown.trim() ? <Markdown>{page.markdown}</Markdown> : <p className="text-sm text-slate-500">No text was found on this page.</p>;

  return (
    <section
      id={`page-${page.pageNumber}`}
      aria-labelledby={`page-${page.pageNumber}-heading`}
      className="page-target scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="document-page"
      data-page-number={page.pageNumber}
    >
      <header className="mb-3 flex flex-wrap items-center gap-2 border-b border-slate-100 pb-2">
        <h2 id={`page-${page.pageNumber}-heading`} className="text-base font-semibold">
          Page {page.pageNumber}
        </h2>
        <Badge tone={methodTones[page.method] ?? 'neutral'} data-testid="page-method" data-method={page.method}>
          {pageMethodLabel(page.method)}
        </Badge>
        <Button
          variant="ghost"
          size="sm"
          className="ml-auto"
          aria-expanded={showPicture}
          aria-controls={`page-${page.pageNumber}-picture`}
          onClick={() => setShowPicture((shown) => !shown)}
          data-testid="page-picture-toggle"
        >
          {showPicture ? 'Hide the page' : readFromPicture.has(page.method) ? 'Compare with the page' : 'Show the page'}
        </Button>
      </header>
      {page.note && (
        <p className="mb-3 text-xs text-amber-900" data-testid="page-note">
          {formatNote(page.note)}
        </p>
      )}
      {showPicture ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <PagePicture id={`page-${page.pageNumber}-picture`} documentId={documentId} pageNumber={page.pageNumber} />
          <div className="min-w-0">{text}</div>
        </div>
      ) : (
        text
      )}
    </section>
  );
}

/** Shows the page as it looks in the original file, drawn by the server when first shown. */
function PagePicture({ id, documentId, pageNumber }: { id: string; documentId: string; pageNumber: number }) {
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading');
  const source = `/api/documents/${documentId}/pages/${pageNumber}/picture`;

  if (state === 'failed') {
    return (
      <p id={id} className="text-sm text-slate-600" data-testid="page-picture-failed">
        This page could not be drawn. Open the original file to see it.
      </p>
    );
  }
  return (
    <a id={id} href={source} target="_blank" rel="noreferrer" className="block self-start" title="Open the page at full size">
      {state === 'loading' && <span className="block py-8 text-center text-sm text-slate-500">Drawing the page…</span>}
      {/* eslint-disable-next-line @next/next/no-img-element -- a private, per-request picture that Next's image optimiser must not cache */}
      <img
        src={source}
        alt={`Page ${pageNumber} of the original file`}
        loading="lazy"
        className={`w-full rounded border border-slate-200 ${state === 'loading' ? 'min-h-24' : ''}`}
        onLoad={() => setState('shown')}
        onError={() => setState('failed')}
        data-testid="page-picture"
        data-state={state}
      />
    </a>
  );
}
