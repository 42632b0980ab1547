import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { EmptyState } from '@/components/ui/EmptyState';
import { Table } from '@/components/ui/Table';
import { formatDateTime } from '@/lib/client/format';
import type { AuditEventView } from '@/lib/client/types';
import { actionBadge, detailRows, isFailedSignIn, shortId, targetHref, targetTypeLabel } from './auditLabels';

/**
 * Renders one page of audit events as a table: when, who, what, on which target, for which client.
 * Views that one person made of one client's resources within seconds of each other, as one screen
 * does when it loads, share a row.
 */
export function AuditTable({ events, filtered }: { events: AuditEventView[]; filtered: boolean }) {
  if (events.length === 0) {
    return (
      <EmptyState title={filtered ? 'No events match these filters' : 'No events yet'} data-testid="audit-empty">
        {filtered ? 'Widen the dates or clear a filter.' : 'Events appear here as people use the app.'}
      </EmptyState>
    );
  }

  return (
    <Table columns={['When', 'Who', 'Action', 'Target', 'Client', 'Details']} data-testid="audit-table">
      {groupViews(events).map((group) => {
        const [event] = group;
        const badge = actionBadge(event);
        return (
          <tr key={event.id} className="border-b border-slate-200 align-top" data-testid="audit-row" data-action={event.action} data-event-id={event.id}>
            <td className="py-2 pr-3 whitespace-nowrap text-slate-700">
              <time dateTime={event.at}>{formatDateTime(event.at)}</time>
            </td>
            <td className="py-2 pr-3" data-testid="audit-actor">
              <Actor event={event} />
            </td>
            <td className="py-2 pr-3">
              <Badge tone={badge.tone}>{badge.label}</Badge>
            </td>
            <td className="py-2 pr-3" data-testid="audit-target">
              <div className="flex flex-col gap-1">
                {group.map((member) => (
                  <Target key={member.id} event={member} />
                ))}
              </div>
            </td>
            <td className="py-2 pr-3" data-testid="audit-client">
              <ClientCell event={event} />
            </td>
            <td className="py-2 text-xs text-slate-600">
              <Details event={group.length === 1 ? event : { ...event, details: null }} requestId={event.requestId} />
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

/** Seconds between two views that still count as one screen loading. */
const SCREEN_LOAD_SECONDS = 10;

/** Groups consecutive views by one person of one client's resources made within SCREEN_LOAD_SECONDS. */
function groupViews(events: AuditEventView[]): AuditEventView[][] {
  const groups: AuditEventView[][] = [];
  for (const event of events) {
    const group = groups.at(-1);
    const first = group?.[0];
    const sameLoad =
      first !== undefined &&
      event.action === 'view' &&
      first.action === 'view' &&
      event.actorId !== null &&
      event.actorId === first.actorId &&
      event.clientId !== null &&
      event.clientId === first.clientId &&
      Math.abs(Date.parse(first.at) - Date.parse(event.at)) <= SCREEN_LOAD_SECONDS * 1000;
    if (sameLoad) group!.push(event);
    else groups.push([event]);
  }
  return groups;
}

function Actor({ event }: { event: AuditEventView }) {
  if (event.actorType === 'upload-link') {
    return (
      <span>
        Client, through an upload link{' '}
        {event.actorId && (
          <span className="font-mono text-xs text-slate-500" title={event.actorId}>
            {shortId(event.actorId)}
          </span>
        )}
      </span>
    );
  }
  if (event.actorType === 'system') return <span className="text-slate-600">{isFailedSignIn(event) ? 'Unknown (not signed in)' : 'System'}</span>;
  if (event.actorName) return <span className="font-medium">{event.actorName}</span>;
  return (
    <span className="font-mono text-xs" title={event.actorId ?? undefined}>
      Account {event.actorId ? shortId(event.actorId) : 'unknown'}
    </span>
  );
}

function Target({ event }: { event: AuditEventView }) {
  const label = targetTypeLabel(event.targetType);
  if (!event.targetId && isFailedSignIn(event)) return <span>{label} (no account has that email)</span>;
  // A client's lists (documents, debts and the like) carry the client's id, whose name is in the Client column.
  if (!event.targetId || event.targetId === event.clientId) return <span>{label}</span>;
  const href = targetHref(event);
  const name = event.targetName ? (
    <span className="text-xs" title={event.targetId}>
      {event.targetName}
    </span>
  ) : (
    <span className="font-mono text-xs" title={event.targetId}>
      {shortId(event.targetId)}
    </span>
  );
  return (
    <span className="flex flex-col">
      <span>{label}</span>
      {href ? <Link href={href}>{name}</Link> : name}
    </span>
  );
}

function ClientCell({ event }: { event: AuditEventView }) {
  if (!event.clientId) return <span className="text-slate-400">—</span>;
  if (!event.clientName) {
    // The log keeps the events of an erased client, but the client's name was erased with it.
    return (
      <Link href={`/admin/audit?clientId=${event.clientId}`} className="text-slate-600" title={`Show every event about erased client ${event.clientId}`} data-testid="audit-erased-client">
        Erased client <span className="font-mono text-xs">{shortId(event.clientId)}</span>
      </Link>
    );
  }
  return (
    <Link href={`/clients/${event.clientId}`} data-testid="audit-client-link">
      {event.clientName}
    </Link>
  );
}

function Details({ event, requestId }: { event: Pick<AuditEventView, 'action' | 'details'>; requestId: string | null }) {
  const rows = detailRows(event);
  return (
    <>
      {rows.length > 0 && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-2">
          {rows.map(({ key, label, value }) => (
            <div key={key} className="contents">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {requestId && (
        <p className="mt-0.5 font-mono text-[11px] text-slate-400" title={`Request id ${requestId}, also in the server log`}>
          req {shortId(requestId)}
        </p>
      )}
    </>
  );
}
