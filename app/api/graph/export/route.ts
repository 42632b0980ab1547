import { graphClientNames, graphToCsv, linkedNodes, readGraphWithScope } from '@/lib/graph/export';
import { CSV_BYTE_ORDER_MARK } from '@/lib/csv';
import { datedFilename } from '@/lib/filenames';
import { parseParams, route } from '@/lib/http';
import { auditGraph, graphExportSchema, scopedGraphQuery } from '../query';

/**
 * Downloads the graph with the same filters as GET /api/graph: as JSON, the nodes and links as the
 * API returns them, or as a CSV table with one row per node that names what each node links to.
 */
export const GET = route('user', async ({ request, services, user, audit }) => {
  const { format, ...filters } = parseParams(Object.fromEntries(new URL(request.url).searchParams), graphExportSchema);
  const query = await scopedGraphQuery(services.db, user, filters);
  // The CSV names the client, creditors and documents of each row even when the filters leave them out, so it reads the whole scope.
  const { graph, scope } = format === 'csv' ? await readGraphWithScope(services.graph, query) : { graph: await services.graph.getGraph(query), scope: null };
  const exported = scope ? { nodes: linkedNodes(graph, scope), links: graph.links } : graph;
  await auditGraph(audit, 'export', filters, exported, { format, nodes: graph.nodes.length, links: graph.links.length });

  const clientNames = await graphClientNames(services.db, exported);
  const name = datedFilename('graph', filters.clientId ? (clientNames.get(filters.clientId) ?? 'client') : 'all clients', format);
  const headers = { 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' };
  if (scope) return new Response(`${CSV_BYTE_ORDER_MARK}${graphToCsv(graph, scope, clientNames)}`, { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
  return new Response(JSON.stringify({ ...graph, exportedAt: new Date().toISOString() }), { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
});
