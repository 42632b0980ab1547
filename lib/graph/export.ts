import { toCsv } from '../csv';
import type { GraphResult, GraphValue } from './types';

const CSV_COLUMNS = ['record', 'id', 'type', 'label', 'client_id', 'client', 'source', 'target', 'amount', 'priority', 'account_reference', 'as_of_date', 'pages', 'properties'] as const;

/**
 * Writes a graph as one CSV with a `record` column (node or link), for spreadsheets. A node's
 * `client` is its client's name when the graph has that client's node.
 */
export function graphToCsv(graph: GraphResult): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  const clientNames = new Map(graph.nodes.filter((node) => node.type === 'Client' && node.clientId).map((node) => [node.clientId!, node.label]));
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
