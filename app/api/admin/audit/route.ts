import { listAuditEvents } from '@/lib/audit';
import { parseParams, route } from '@/lib/http';
import { auditPageSchema } from './query';

export const GET = route('admin', async ({ request, services }) => {
  const query = parseParams(Object.fromEntries(new URL(request.url).searchParams), auditPageSchema);
  const events = await listAuditEvents(services.db, query);
  return Response.json({ events, limit: query.limit, offset: query.offset });
});
