import { toCsv } from '../csv';
import type { Db } from '../db/client';
import { listClients } from '../db/queries/clients';
import type { GraphResult, GraphValue } from './types';

const CSV_COLUMNS = ['record', 'id', 'type', 'label', 'client_id', 'client', 'source', 'target', 'amount', 'priority', 'account_reference', 'as_of_date', 'pages', 'properties'] as const;

/**
 * Returns the names of the clients whose nodes a graph contains, from the records database: a graph
 * filtered to debts or found by a search has no client nodes to read them from.
 */
export async function graphClientNames(db: Db, graph: GraphResult): Promise<Map<string, string>> {
  const ids = new Set(graph.nodes.map((node) => node.clientId).filter((id): id is string => Boolean(id)));
  if (ids.size === 0) return new Map();
  return new Map((await listClients(db)).filter((client) => ids.has(client.id)).map((client) => [client.id, client.name]));
}

/**
 * Writes a graph as one CSV with a `record` column (node or link), for spreadsheets. A node's
 * `client` is its client's name from `knownNames`, else from the graph's client node.
 */
export function graphToCsv(graph: GraphResult, knownNames: Map<string, string> = new Map()): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  const clientNames = new Map([...graph.nodes.filter((node) => node.type === 'Client' && node.clientId).map((node): [string, string] => [node.clientId!, node.label]), ...knownNames]);
  for (const node of graph.nodes) {
    const { amount, priority, accountReference, asOfDate, ...rest } = node.properties;
    rows.push(['node', node.id, node.type, node.label, node.clientId ?? '', (node.clientId && clientNames.get(node.clientId)) ?? '', '', '', cell(amount), cell(priority), cell(accountReference), cell(asOfDate), '', JSON.stringify(rest)]);
  }
  for (const link of graph.links) {
    const { amount, priority, pages, ...rest } = link.properties ?? {};
    rows.push(['link', '', link.type, '', '', '', link.source, link.target, cell(amount), cell(priority), '', '', Array.isArray(pages) ? pages.join(' ') : '', JSON.stringify(rest)]);
  }
  return toCsv(rows);
}

function cell(value: GraphValue | undefined): string {
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(' ') : String(value);
}
