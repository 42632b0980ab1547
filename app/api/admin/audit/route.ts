import { z } from 'zod';
import { auditActions, listAuditEvents } from '@/lib/audit';
import { parseParams, route } from '@/lib/http';

const auditQuery = z.object({
  actorId: z.string().min(1).max(100).optional(),
  action: z.enum(auditActions).optional(),
  clientId: z.uuid().optional(),
  targetId: z.string().min(1).max(200).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const GET = route('admin', async ({ request, services }) => {
  const query = parseParams(Object.fromEntries(new URL(request.url).searchParams), auditQuery);
  const events = await listAuditEvents(services.db, query);
  return Response.json({ events, limit: query.limit, offset: query.offset });
});
