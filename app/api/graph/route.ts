import { route, parseParams } from '@/lib/http';
import { auditGraph, graphQuerySchema, scopedGraphQuery } from './query';

/**
 * Returns one client's graph, or the graph of every client the user may see, filtered and capped:
 * `{ nodes, links, truncated, total }`, the most connected nodes first.
 */
export const GET = route('user', async ({ request, services, user, audit }) => {
  const filters = parseParams(Object.fromEntries(new URL(request.url).searchParams), graphQuerySchema);
  const query = await scopedGraphQuery(services.db, user, filters);
  const graph = await services.graph.getGraph(query);
  await auditGraph(audit, 'view', filters, graph, { nodes: graph.nodes.length, truncated: graph.truncated });
  return Response.json(graph);
});
