import { z } from 'zod';
import { assertClientAccess, visibleClientIds } from '@/lib/access';
import type { CurrentUser } from '@/lib/auth/session';
import type { Db } from '@/lib/db/client';
import { graphNodeTypes, type Graph, type GraphQuery } from '@/lib/graph/types';
import type { RequestContext } from '@/lib/http';

const typesList = z
  .string()
  .optional()
  .transform((value) => (value ? value.split(',').map((type) => type.trim()).filter(Boolean) : undefined))
  .pipe(z.array(z.enum(graphNodeTypes, { error: `must be a comma-separated list of ${graphNodeTypes.join(', ')}` })).optional());

/** The filters of GET /api/graph and GET /api/graph/export, from the query string. */
export const graphFilters = z.object({
  clientId: z.uuid({ error: 'must be a client id (a UUID)' }).optional(),
  types: typesList,
  priority: z.enum(['priority', 'non-priority']).optional(),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((value) => value || undefined),
  expand: z.string().trim().min(1).max(300).optional(),
});

/** Node caps: a screen draws at most 10,000 nodes; an export may hold more. */
export const graphQuerySchema = graphFilters.extend({ limit: z.coerce.number().int().min(1).max(10_000).default(500) });
export const graphExportSchema = graphFilters.extend({
  format: z.enum(['json', 'csv']).default('json'),
  limit: z.coerce.number().int().min(1).max(50_000).default(20_000),
});

/**
 * Narrows a graph query to what the user may see: one client they may open, or every client visible
 * to them (then creditors shared by several of those clients are hubs).
 */
export async function scopedGraphQuery(db: Db, user: CurrentUser, filters: z.infer<typeof graphFilters> & { limit: number }): Promise<GraphQuery> {
  if (filters.clientId) {
    await assertClientAccess(db, user, filters.clientId);
    return filters;
  }
  const visible = await visibleClientIds(db, user);
  return { ...filters, clientIds: visible === 'all' ? undefined : visible };
}

/**
 * Records that the user viewed or exported a graph. A graph of every client is recorded once for each
 * client whose nodes it held, so that the audit log filtered by one client finds it too.
 */
export async function auditGraph(
  audit: RequestContext<unknown>['audit'],
  action: 'view' | 'export',
  filters: { clientId?: string },
  graph: Graph,
  details: Record<string, string | number | boolean>,
): Promise<void> {
  if (filters.clientId) return audit({ action, targetType: 'graph', targetId: filters.clientId, clientId: filters.clientId, details });
  const clientIds = [...new Set(graph.nodes.map((node) => node.clientId).filter((id): id is string => id !== null))];
  if (clientIds.length === 0) return audit({ action, targetType: 'graph', targetId: null, clientId: null, details: { ...details, allClients: true } });
  for (const clientId of clientIds) await audit({ action, targetType: 'graph', targetId: clientId, clientId, details: { ...details, allClients: true } });
}
