import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { formatBytes, formatDateTime, plural, stageLabel, statusLabels } from '@/lib/client/format';
import type { DocumentStatus, DocumentView } from '@/lib/client/types';

const statusTones: Record<DocumentStatus, BadgeTone> = { queued: 'neutral', processing: 'info', ready: 'success', failed: 'danger' };

/** Returns a document's size, page count and upload time as one line, e.g. "62 KB · 1 page · uploaded 5 Mar 2025, 14:02". */
export function documentFacts(document: DocumentView): string {
  const pages = document.pagesTotal ? plural(document.pagesTotal, 'page') : null;
  return [formatBytes(document.sizeBytes), pages, `uploaded ${formatDateTime(document.createdAt)}`].filter(Boolean).join(' · ');
}

export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  return (
    <Badge tone={statusTones[status]} data-testid="document-status" data-status={status}>
      {statusLabels[status]}
    </Badge>
  );
}

/** Marks a document the client sent through an upload link rather than one an advisor uploaded. */
export function SentByClientBadge({ document }: { document: DocumentView }) {
  if (!document.uploadLinkId) return null;
  return (
    <Badge tone="info" title="Uploaded by the client through an upload link" data-testid="document-sent-by-client">
      Sent by the client
    </Badge>
  );
}

/**
 * Says how soon a queued document is processed. The queue is the centre's, so the documents ahead
 * can be other clients'; a count of them reads better than a place number with gaps in it.
 */
function queueText(position: number | null | undefined): string {
  if (!position) return 'Waiting to be processed.';
  if (position === 1) return 'Waiting to be processed: next in the queue.';
  return `Waiting to be processed: ${plural(position - 1, 'document')} ahead of it in the queue.`;
}

/** Shows an unfinished document's progress: its place in the queue, or the stage and pages read so far. */
export function DocumentProgress({ document }: { document: DocumentView }) {
  if (document.status === 'queued') {
    return (
      <p className="text-xs text-slate-600" data-testid="document-queue-position">
        {queueText(document.queuePosition)}
      </p>
    );
  }
  if (document.status !== 'processing') return null;

  const total = document.pagesTotal;
  // After reading, the count is of pages read, so it does not look like progress through the later stages.
  let pagesText = 'counting pages';
  if (total && document.stage === 'reading') pagesText = `${document.pagesDone} of ${plural(total, 'page')}`;
  else if (total) pagesText = `${plural(total, 'page')} read`;
  const stage = stageLabel(document.stage);
  // Pages are counted only while they are read. Indexing and finding debts have no count, so their bar is indeterminate.
  const value = document.stage === 'reading' && total ? document.pagesDone : null;
  return (
    <div data-testid="document-progress">
      <p className="mb-1 text-xs text-slate-700">
        <span className="font-medium" data-testid="document-stage">
          {stage}
        </span>{' '}
        · {pagesText}
      </p>
      <ProgressBar label={`Processing ${document.filename}`} value={value} max={total ?? 1} valueText={total ? `${document.pagesDone}/${total}` : undefined} tone="sky" />
    </div>
  );
}
