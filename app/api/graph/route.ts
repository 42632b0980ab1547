import { z } from 'zod';
import { assertClientAccess, visibleClientIds } from '@/lib/access';
import { graphNodeTypes } from '@/lib/graph/types';
import { parseParams, route } from '@/lib/http';

const graphQuery = z.object({
  clientId: z.uuid({ error: 'must be a client id (a UUID)' }).optional(),
  types: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((type) => type.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(graphNodeTypes)).optional()),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

/** One client's graph, or the graphs of every client the user may see. */
export const GET = route('user', async ({ request, services, user, audit }) => {
  const query = parseParams(Object.fromEntries(new URL(request.url).searchParams), graphQuery);
  let clientIds: string[] | undefined;
  if (query.clientId) await assertClientAccess(services.db, user, query.clientId);
  else {
    const visible = await visibleClientIds(services.db, user);
    clientIds = visible === 'all' ? undefined : visible;
  }
  const graph = await services.graph.getGraph({ ...query, clientIds, q: query.q || undefined });
  await audit({ action: 'view', targetType: 'graph', targetId: query.clientId ?? null, clientId: query.clientId ?? null, details: { nodes: graph.nodes.length } });
  return Response.json(graph);
});
