import { AUDIT_EXPORT_MAX_EVENTS, auditEventsToCsv, listAuditEvents } from '@/lib/audit';
import { CSV_BYTE_ORDER_MARK } from '@/lib/csv';
import { datedFilename } from '@/lib/filenames';
import { parseParams, route } from '@/lib/http';
import { auditFilterSchema } from '../query';

/** Downloads the audit events matching the filters as CSV, newest first, for a data protection officer's records. */
export const GET = route('admin', async ({ request, services, audit }) => {
  const filters = parseParams(Object.fromEntries(new URL(request.url).searchParams), auditFilterSchema);
  const events = await listAuditEvents(services.db, { ...filters, limit: AUDIT_EXPORT_MAX_EVENTS + 1, offset: 0 });
  const truncated = events.length > AUDIT_EXPORT_MAX_EVENTS;
  await audit({ action: 'export', targetType: 'audit-log', targetId: null, clientId: filters.clientId ?? null, details: { events: Math.min(events.length, AUDIT_EXPORT_MAX_EVENTS), truncated } });

  const headers = {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${datedFilename('audit', 'log', 'csv')}"`,
    'cache-control': 'no-store',
    'x-truncated': String(truncated),
  };
  return new Response(`${CSV_BYTE_ORDER_MARK}${auditEventsToCsv(events.slice(0, AUDIT_EXPORT_MAX_EVENTS))}`, { headers });
});
