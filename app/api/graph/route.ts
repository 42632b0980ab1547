import { graphClientNames } from '@/lib/graph/export';
import { route, parseParams } from '@/lib/http';
import { auditGraph, graphQuerySchema, scopedGraphQuery } from './query';

/**
 * Returns one client's graph, or the graph of every client the user may see, filtered and capped:
 * `{ nodes, links, truncated, total, clientNames }`, the most connected nodes first. `clientNames`
 * maps the id of each client the nodes belong to to the client's name, so a debt can be named by
 * its client when the client's node is not drawn.
 */
export const GET = route('user', async ({ request, services, user, audit }) => {
  const filters = parseParams(Object.fromEntries(new URL(request.url).searchParams), graphQuerySchema);
  const query = await scopedGraphQuery(services.db, user, filters);
  const graph = await services.graph.getGraph(query);
  await auditGraph(audit, 'view', filters, graph, { nodes: graph.nodes.length, truncated: graph.truncated });
  const clientNames = await graphClientNames(services.db, graph);
  return Response.json({ ...graph, clientNames: Object.fromEntries(clientNames) });
});
