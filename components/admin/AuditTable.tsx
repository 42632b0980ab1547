import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { EmptyState } from '@/components/ui/EmptyState';
import { Table } from '@/components/ui/Table';
import { formatDateTime } from '@/lib/client/format';
import type { AuditEventView } from '@/lib/client/types';
import { actionLabels, detailRows, isFailedSignIn, shortId, targetHref, targetTypeLabel } from './auditLabels';

/**
 * Renders one page of audit events as a table: when, who, what, on which target, for which client.
 * `accountNames` names the accounts that events about accounts point to.
 */
export function AuditTable({ events, filtered, accountNames }: { events: AuditEventView[]; filtered: boolean; accountNames: Map<string, string> }) {
  if (events.length === 0) {
    return (
      <EmptyState title={filtered ? 'No events match these filters' : 'No events yet'} data-testid="audit-empty">
        {filtered ? 'Widen the dates or clear a filter.' : 'Events appear here as people use the app.'}
      </EmptyState>
    );
  }

  return (
    <Table columns={['When', 'Who', 'Action', 'Target', 'Client', 'Details']} data-testid="audit-table">
      {events.map((event) => (
        <tr key={event.id} className="border-b border-slate-200 align-top" data-testid="audit-row" data-action={event.action} data-event-id={event.id}>
          <td className="py-2 pr-3 whitespace-nowrap text-slate-700">
            <time dateTime={event.at}>{formatDateTime(event.at)}</time>
          </td>
          <td className="py-2 pr-3" data-testid="audit-actor">
            <Actor event={event} />
          </td>
          <td className="py-2 pr-3">
            {isFailedSignIn(event) ? <Badge tone="danger">Sign-in rejected</Badge> : <Badge tone={event.action === 'delete' ? 'warning' : 'neutral'}>{actionLabels[event.action] ?? event.action}</Badge>}
          </td>
          <td className="py-2 pr-3" data-testid="audit-target">
            <Target event={event} accountName={event.targetId ? accountNames.get(event.targetId) : undefined} />
          </td>
          <td className="py-2 pr-3" data-testid="audit-client">
            <ClientCell event={event} />
          </td>
          <td className="py-2 text-xs text-slate-600">
            <Details details={event.details} requestId={event.requestId} />
          </td>
        </tr>
      ))}
    </Table>
  );
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

function Target({ event, accountName }: { event: AuditEventView; accountName?: string }) {
  const label = targetTypeLabel(event.targetType);
  if (!event.targetId) return <span>{label}</span>;
  if (accountName && event.targetType.startsWith('account')) {
    return (
      <span className="flex flex-col">
        <span>{label}</span>
        <span className="text-xs" title={event.targetId}>
          {accountName}
        </span>
      </span>
    );
  }
  const href = targetHref(event);
  const id = (
    <span className="font-mono text-xs" title={event.targetId}>
      {shortId(event.targetId)}
    </span>
  );
  return (
    <span className="flex flex-col">
      <span>{label}</span>
      {href ? <Link href={href}>{id}</Link> : id}
    </span>
  );
}

function ClientCell({ event }: { event: AuditEventView }) {
  if (!event.clientId) return <span className="text-slate-400">—</span>;
  if (!event.clientName) {
    // The log keeps the events of an erased client, but the client's name was erased with it.
    return (
      <span className="text-slate-600" title={event.clientId}>
        Erased client <span className="font-mono text-xs">{shortId(event.clientId)}</span>
      </span>
    );
  }
  return (
    <Link href={`/clients/${event.clientId}`} data-testid="audit-client-link">
      {event.clientName}
    </Link>
  );
}

function Details({ details, requestId }: { details: AuditEventView['details']; requestId: string | null }) {
  const rows = detailRows(details);
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
