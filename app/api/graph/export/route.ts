import { graphClientNames, graphToCsv } from '@/lib/graph/export';
import { CSV_BYTE_ORDER_MARK } from '@/lib/csv';
import { datedFilename } from '@/lib/filenames';
import { parseParams, route } from '@/lib/http';
import { auditGraph, graphExportSchema, scopedGraphQuery } from '../query';

/** Downloads the graph with the same filters as GET /api/graph, as JSON or as one CSV of nodes and links. */
export const GET = route('user', async ({ request, services, user, audit }) => {
  const { format, ...filters } = parseParams(Object.fromEntries(new URL(request.url).searchParams), graphExportSchema);
  const query = await scopedGraphQuery(services.db, user, filters);
  const graph = await services.graph.getGraph(query);
  await auditGraph(audit, 'export', filters, graph, { format, nodes: graph.nodes.length, links: graph.links.length });

  const clientNames = await graphClientNames(services.db, graph);
  const name = datedFilename('graph', filters.clientId ? (clientNames.get(filters.clientId) ?? 'client') : 'all clients', format);
  const headers = { 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' };
  if (format === 'csv') return new Response(`${CSV_BYTE_ORDER_MARK}${graphToCsv(graph, clientNames)}`, { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
  return new Response(JSON.stringify({ ...graph, exportedAt: new Date().toISOString() }), { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
});
