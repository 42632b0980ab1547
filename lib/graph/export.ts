import { documentTypeLabel } from '../client/format';
import { toCsv } from '../csv';
import type { Db } from '../db/client';
import { getClientNames } from '../db/queries/clients';
import { nodeIds } from './build';
import { neighbourName, nodeName, nodeTypeLabels, relationLabel } from './names';
import { shapeGraph } from './query';
import type { Graph, GraphLink, GraphNode, GraphNodeType, GraphQuery, GraphResult, GraphStore } from './types';

export const CSV_COLUMNS = [
  'Type',
  'Name',
  'Client',
  'Creditor',
  'Original creditor',
  'Collecting agent',
  'Debt type',
  'Amount (£)',
  'Priority',
  'Reference',
  'Balance as of',
  'Date',
  'Details',
  'Documents and pages',
  'Linked to',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Debts come first in the table, because most advisors export the graph for its list of debts. */
const rowOrder: Record<GraphNodeType, number> = { Debt: 0, Creditor: 1, Client: 2, Document: 3, Deadline: 4, CourtClaim: 5 };

/**
 * Relationships that have their own columns, by relationship and the end the row's node is at. They
 * are left out of "Linked to": a debt's client, creditors and documents, and a document's client.
 */
const relationsInColumns = new Set(['OWES:target', 'OWED_TO:source', 'ORIGINALLY_OWED_TO:source', 'COLLECTED_BY:source', 'MENTIONED_IN:source', 'HAS_DOCUMENT:target']);

/**
 * Returns the names of the clients whose nodes a graph contains, from the records database: a graph
 * filtered to debts or found by a search has no client nodes to read them from.
 */
export async function graphClientNames(db: Db, graph: Graph): Promise<Map<string, string>> {
  const ids = new Set(graph.nodes.map((node) => node.clientId).filter((id): id is string => Boolean(id)));
  return getClientNames(db, [...ids]);
}

/**
 * Reads the graph a query selects and the whole scope it was selected from: the client, or the
 * clients the user may see. The scope names what the selected nodes link to when the filters leave
 * those nodes out. Both stores read the whole scope for any query, so this costs one read.
 */
export async function readGraphWithScope(store: GraphStore, query: GraphQuery): Promise<{ graph: GraphResult; scope: Graph }> {
  const scope = await store.getGraph({ clientId: query.clientId, clientIds: query.clientIds, limit: Number.MAX_SAFE_INTEGER });
  return { graph: shapeGraph(query, scope), scope };
}

type Edge = { link: GraphLink; end: 'source' | 'target'; other: GraphNode };

function edgesByNode(scope: Graph): Map<string, Edge[]> {
  const byId = new Map(scope.nodes.map((node) => [node.id, node]));
  const edges = new Map<string, Edge[]>();
  const add = (id: string, edge: Edge) => {
    const list = edges.get(id);
    if (list) list.push(edge);
    else edges.set(id, [edge]);
  };
  for (const link of scope.links) {
    const [source, target] = [byId.get(link.source), byId.get(link.target)];
    if (!source || !target) continue;
    add(source.id, { link, end: 'source', other: target });
    add(target.id, { link, end: 'target', other: source });
  }
  return edges;
}

/** Returns the graph's nodes and every node of the scope linked to one of them: the nodes its CSV names. */
export function linkedNodes(graph: Graph, scope: Graph): GraphNode[] {
  const edges = edgesByNode(scope);
  const found = new Map(graph.nodes.map((node) => [node.id, node]));
  for (const node of graph.nodes) for (const edge of edges.get(node.id) ?? []) found.set(edge.other.id, edge.other);
  return [...found.values()];
}

/**
 * Writes a graph as a CSV table for spreadsheets: one row per node, with readable columns, and
 * what each node links to named rather than given by id. `scope` is the graph the rows were chosen
 * from, so a debts-only export still names each debt's creditor and documents. A client's name comes
 * from `knownNames`, else from the client's node.
 */
export function graphToCsv(graph: Graph, scope: Graph = graph, knownNames: Map<string, string> = new Map()): string {
  const clientNodes = scope.nodes.filter((node) => node.type === 'Client' && node.clientId);
  const clientNames = new Map([...clientNodes.map((node): [string, string] => [node.clientId!, node.label]), ...knownNames]);
  const severalClients = new Set(scope.nodes.map((node) => node.clientId).filter(Boolean)).size > 1;
  const table = new CsvTable(new Map(scope.nodes.map((node) => [node.id, node])), edgesByNode(scope), clientNames, severalClients);

  const rows = graph.nodes.map((node) => ({ node, row: table.row(node) }));
  rows.sort((a, b) => rowOrder[a.node.type] - rowOrder[b.node.type] || a.row.Client.localeCompare(b.row.Client) || a.row.Name.localeCompare(b.row.Name));
  return toCsv([[...CSV_COLUMNS], ...rows.map(({ row }) => CSV_COLUMNS.map((column) => row[column]))]);
}

/** Builds the CSV rows of nodes, looking up their neighbours and their clients' names. */
class CsvTable {
  constructor(
    private readonly nodes: Map<string, GraphNode>,
    private readonly edges: Map<string, Edge[]>,
    private readonly clientNames: Map<string, string>,
    /** Set when the scope contains several clients' nodes. */
    private readonly severalClients: boolean,
  ) {}

  row(node: GraphNode): Record<CsvColumn, string> {
    const { properties } = node;
    const isDebt = node.type === 'Debt';
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    return {
      Type: nodeTypeLabels[node.type] ?? node.type,
      Name: nodeName(node),
      Client: this.clientOf(node),
      Creditor: isDebt ? this.namesOver(node, 'OWED_TO') || text(properties.creditor) : '',
      'Original creditor': isDebt ? this.namesOver(node, 'ORIGINALLY_OWED_TO') : '',
      'Collecting agent': isDebt ? this.namesOver(node, 'COLLECTED_BY') : '',
      'Debt type': isDebt && typeof properties.documentType === 'string' ? documentTypeLabel(properties.documentType) : '',
      'Amount (£)': typeof properties.amount === 'number' ? properties.amount.toFixed(2) : '',
      Priority: isDebt ? priorityText(properties.priority) : '',
      Reference: node.type === 'CourtClaim' ? text(properties.claimNumber) || node.label : referencesText(properties.accountReference, properties.references),
      'Balance as of': text(properties.asOfDate),
      Date: node.type === 'Deadline' ? text(properties.date) || node.label : '',
      Details: node.type === 'Deadline' ? text(properties.what) : '',
      'Documents and pages': this.documentsText(node),
      'Linked to': this.linkedText(node),
    };
  }

  /** Returns the client a node belongs to, or for a creditor every client whose debts link to it. */
  private clientOf(node: GraphNode): string {
    if (node.clientId) return this.clientNames.get(node.clientId) ?? '';
    const clientIds = new Set(this.edgesOf(node).map((edge) => edge.other.clientId).filter((id): id is string => id !== null));
    return [...clientIds].map((id) => this.clientNames.get(id) ?? '').filter(Boolean).sort().join('; ');
  }

  private edgesOf(node: GraphNode): Edge[] {
    return this.edges.get(node.id) ?? [];
  }

  private nameInCell(node: GraphNode, row: GraphNode): string {
    const clientName = this.severalClients && node.clientId ? this.clientNames.get(node.clientId) : undefined;
    return neighbourName(node, row.clientId, clientName);
  }

  /** Names the nodes a node links to over one relationship, from the link's source. */
  private namesOver(node: GraphNode, type: GraphLink['type']): string {
    return this.edgesOf(node)
      .filter((edge) => edge.end === 'source' && edge.link.type === type)
      .map((edge) => this.nameInCell(edge.other, node))
      .join('; ');
  }

  /**
   * Lists the documents a debt is mentioned in, with the pages, such as "letter.pdf (pages 1, 2)". A
   * deadline, or a debt without such links, gives the page its facts were read from.
   */
  private documentsText(node: GraphNode): string {
    const mentions = this.edgesOf(node)
      .filter((edge) => edge.end === 'source' && edge.link.type === 'MENTIONED_IN')
      .map((edge) => `${edge.other.label} (${pagesText(edge.link)})`);
    if (mentions.length > 0 || (node.type !== 'Debt' && node.type !== 'Deadline')) return mentions.join('; ');

    const { documentId, pageNumber } = node.properties;
    if (typeof documentId !== 'string') return '';
    const name = this.nodes.get(nodeIds.document(documentId))?.label ?? 'Document not in the export';
    return typeof pageNumber === 'number' ? `${name} (page ${pageNumber})` : name;
  }

  /** Names every neighbour that no other column shows, grouped by relationship: "Deadlines: 14 Oct 2026; 15 Oct 2026 | Court claim: K4QX9V27". */
  private linkedText(node: GraphNode): string {
    const groups = new Map<string, string[]>();
    for (const edge of this.edgesOf(node)) {
      if (relationsInColumns.has(`${edge.link.type}:${edge.end}`)) continue;
      const heading = relationLabel(edge.link.type, edge.end);
      const names = groups.get(heading) ?? [];
      names.push(this.nameInCell(edge.other, node));
      groups.set(heading, names);
    }
    return [...groups].map(([heading, names]) => `${heading}: ${names.join('; ')}`).join(' | ');
  }
}

function priorityText(priority: unknown): string {
  if (priority === true) return 'Priority';
  if (priority === false) return 'Non-priority';
  return 'Not known';
}

function pagesText(link: GraphLink): string {
  let pages: number[] = [];
  if (Array.isArray(link.properties?.pages)) pages = link.properties.pages as number[];
  else if (typeof link.properties?.pageNumber === 'number') pages = [link.properties.pageNumber];

  if (pages.length === 0) return 'page not known';
  return pages.length === 1 ? `page ${pages[0]}` : `pages ${pages.join(', ')}`;
}

/** Lists the reference as printed, then the other references the letters gave, each once. The stored ones are upper case without spaces. */
function referencesText(accountReference: unknown, references: unknown): string {
  const compact = (value: string) => value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  const found = new Map<string, string>();
  for (const value of [accountReference, ...(Array.isArray(references) ? references : [])]) {
    if (typeof value === 'string' && value !== '' && !found.has(compact(value))) found.set(compact(value), value);
  }
  return [...found.values()].join('; ');
}
