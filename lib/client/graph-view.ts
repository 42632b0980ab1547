/**
 * The graph screen's data, without React: the API addresses for its filters, the merge of expanded
 * neighbours into the view, the names and order of nodes, the scales of node size and link width,
 * which labels the canvas draws, and the pages a node's facts come from.
 */
import { nodeName } from '@/lib/graph/names';
import { graphNodeTypes } from '@/lib/graph/types';
import { formatMoney } from './format';
import type { GraphLink, GraphNode, GraphNodeType, GraphResult } from './types';

export type PriorityFilter = '' | 'priority' | 'non-priority';

/** The advisor's filters of the graph. An empty `clientId` means every client they may open. */
export type GraphFilters = { clientId: string; types: GraphNodeType[]; priority: PriorityFilter; q: string };

/**
 * Nodes and links as the screen keeps them, before the canvas gets its own copies. `clientNames`
 * maps client ids to names for the clients the nodes belong to, as GET /api/graph returns them.
 */
export type GraphView = { nodes: GraphNode[]; links: GraphLink[]; clientNames?: Record<string, string> };

/** The body of GET /api/graph. */
export type GraphResponse = GraphResult & { clientNames: Record<string, string> };

/** Node caps the advisor can choose. The API draws at most 10,000 nodes. */
export const nodeCaps = [100, 250, 500, 1_000, 2_000, 5_000, 10_000] as const;
export const DEFAULT_NODE_CAP = 500;

/** Most nodes one expansion adds: the expanded node's neighbours, the most connected first. */
export const EXPAND_LIMIT = 500;

function filterParams(filters: Omit<GraphFilters, 'q'> & { q?: string }): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.clientId) params.set('clientId', filters.clientId);
  if (filters.types.length < graphNodeTypes.length) params.set('types', filters.types.join(','));
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.q) params.set('q', filters.q);
  return params;
}

export function graphUrl(filters: GraphFilters, limit: number): string {
  const params = filterParams(filters);
  params.set('limit', String(limit));
  return `/api/graph?${params}`;
}

/**
 * Returns the address of a node's neighbours under the same client, type and priority filters. The
 * search is left out, because the advisor expands a node to see everything linked to it.
 */
export function expandUrl(filters: GraphFilters, nodeId: string, limit = EXPAND_LIMIT): string {
  const params = filterParams({ ...filters, q: undefined });
  params.set('expand', nodeId);
  params.set('limit', String(limit));
  return `/api/graph?${params}`;
}

/**
 * Returns the address of all of a node's neighbours, whatever the filters, for naming a debt's
 * client and documents in its details. The client id limits the response to that client's graph.
 */
export function neighboursUrl(nodeId: string, clientId: string | null): string {
  const params = new URLSearchParams();
  if (clientId) params.set('clientId', clientId);
  params.set('expand', nodeId);
  params.set('limit', String(EXPAND_LIMIT));
  return `/api/graph?${params}`;
}

/** Returns the download address of the graph under the current filters; the export has its own, larger cap. */
export function exportUrl(filters: GraphFilters, format: 'json' | 'csv'): string {
  const params = filterParams(filters);
  params.set('format', format);
  return `/api/graph/export?${params}`;
}

/** The screen state kept in the /graph address, so that Back, a reload or a shared link shows the same view. */
export type GraphScreenState = { filters: GraphFilters; limit: number; focusId: string | null };

/** Returns the /graph address's query for the screen state; defaults are left out. */
export function graphScreenSearch(state: GraphScreenState): string {
  const params = filterParams(state.filters);
  if (state.limit !== DEFAULT_NODE_CAP) params.set('limit', String(state.limit));
  if (state.focusId) params.set('focus', state.focusId);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Reads the screen state from the /graph address's query, ignoring values the screen does not offer. */
export function graphScreenState(params: URLSearchParams): GraphScreenState {
  const typesParam = params.get('types');
  const types = typesParam === null ? [...graphNodeTypes] : graphNodeTypes.filter((type) => typesParam.split(',').includes(type));
  const priorityParam = params.get('priority');
  const priority: PriorityFilter = priorityParam === 'priority' || priorityParam === 'non-priority' ? priorityParam : '';
  const limitParam = Number(params.get('limit'));
  const limit = (nodeCaps as readonly number[]).includes(limitParam) ? limitParam : DEFAULT_NODE_CAP;
  return {
    filters: { clientId: params.get('clientId') ?? '', types, priority, q: params.get('q') ?? '' },
    limit,
    focusId: params.get('focus') || null,
  };
}

function linkKey(link: GraphLink): string {
  return `${link.source}\u0000${link.target}\u0000${link.type}`;
}

/** Joins the base graph and the expansions, each node and link once; the first copy of a node wins. */
export function mergeGraphs(parts: GraphView[]): GraphView {
  const nodes = new Map<string, GraphNode>();
  const links = new Map<string, GraphLink>();
  const clientNames: Record<string, string> = {};
  for (const part of parts) {
    for (const node of part.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
    for (const link of part.links) if (!links.has(linkKey(link))) links.set(linkKey(link), link);
    Object.assign(clientNames, part.clientNames);
  }
  const kept = [...links.values()].filter((link) => nodes.has(link.source) && nodes.has(link.target));
  return { nodes: [...nodes.values()], links: kept, clientNames };
}

/** Returns the names of the clients in a view by client id, from the API's list and from the client nodes drawn. */
export function viewClientNames(view: GraphView): Map<string, string> {
  const names = new Map(Object.entries(view.clientNames ?? {}));
  for (const node of view.nodes) if (node.type === 'Client' && node.clientId) names.set(node.clientId, node.label);
  return names;
}

/**
 * Returns the short name drawn beside a node on the canvas. A debt is named by its amount and its
 * creditor, or by its amount and `clientName` when that is given. The screen passes the client's
 * name when several clients are shown and the debt's client is not drawn, as in a drill-down to a
 * shared creditor.
 */
export function canvasName(node: GraphNode, clientName: string | undefined): string {
  if (node.type !== 'Debt') return nodeName(node);
  const amount = typeof node.properties.amount === 'number' ? formatMoney(node.properties.amount) : 'Amount unknown';
  const creditor = typeof node.properties.creditor === 'string' ? node.properties.creditor : 'Unknown creditor';
  return `${amount} · ${clientName ?? creditor}`;
}

/**
 * Orders the node list: by type, then by name, except that debts go by amount, smallest first,
 * with those of unknown amount last, and deadlines by date (their label is the ISO date).
 */
export function compareForList(a: GraphNode, b: GraphNode): number {
  if (a.type !== b.type) return a.type.localeCompare(b.type);
  if (a.type === 'Debt') {
    const [first, second] = [a.properties.amount, b.properties.amount].map((amount) => (typeof amount === 'number' ? amount : Number.POSITIVE_INFINITY));
    if (first !== second) return first < second ? -1 : 1;
  }
  if (a.type === 'Deadline') return a.label.localeCompare(b.label);
  return nodeName(a).localeCompare(nodeName(b), 'en-GB');
}

/** Counts each node's links in the view. */
export function shownLinkCounts(view: GraphView): Map<string, number> {
  const counts = new Map<string, number>();
  for (const link of view.links) {
    counts.set(link.source, (counts.get(link.source) ?? 0) + 1);
    counts.set(link.target, (counts.get(link.target) ?? 0) + 1);
  }
  return counts;
}

/** Returns how many of a node's links the view leaves out: its degree in the whole scope minus the links shown. */
export function hiddenLinkCount(node: GraphNode, shown: Map<string, number>): number {
  return Math.max(0, (node.degree ?? 0) - (shown.get(node.id) ?? 0));
}

/** Returns the ids of the most connected nodes, whose labels stay visible at any zoom. */
export function hubIds(nodes: GraphNode[], count: number): Set<string> {
  const ranked = nodes.filter((node) => (node.degree ?? 0) >= 3).sort((a, b) => (b.degree ?? 0) - (a.degree ?? 0));
  return new Set(ranked.slice(0, count).map((node) => node.id));
}

/**
 * Minimum zoom (screen pixels per graph unit) from which every node's label is offered. A view
 * fitted at a larger zoom offers them from 1.5 times its fitted zoom, so zooming in shows them.
 */
export const LABEL_ZOOM = 1.5;
export const DETAIL_ZOOM_FACTOR = 1.5;
/** Up to this many nodes, clients, creditors, debts and court claims are labelled at any zoom. */
export const KEY_LABELS_MAX_NODES = 150;
/** Node types whose labels wait for the zoom: there are many of them, with long names, around each client. */
const detailTypes = new Set<string>(['Document', 'Deadline']);

export function isDetailType(type: string): boolean {
  return detailTypes.has(type);
}

/** Returns the zoom from which every label is offered, given the zoom the view was last fitted at (null before the first fit). */
export function detailZoom(fittedZoom: number | null): number {
  if (fittedZoom === null) return Number.POSITIVE_INFINITY;
  return Math.max(LABEL_ZOOM, fittedZoom * DETAIL_ZOOM_FACTOR);
}

/**
 * Decides whether the canvas offers a node's label for drawing at a zoom. Clients, hubs, and the
 * neighbours of the selected or hovered node always get one. So do the creditors, debts and
 * claims of a small graph, and every node from `detailScale`. The painter still leaves out a label
 * that would cover another label or node.
 */
export function labelOffered(node: { type: string; hub: boolean }, { scale, detailScale, nodeCount, nearFocus }: { scale: number; detailScale: number; nodeCount: number; nearFocus: boolean }): boolean {
  if (nearFocus || node.hub || node.type === 'Client' || scale >= detailScale) return true;
  return nodeCount <= KEY_LABELS_MAX_NODES && !isDetailType(node.type);
}

/** A rectangle in graph units, y growing downwards as on the canvas. */
export type Box = { left: number; top: number; right: number; bottom: number };

/**
 * Returns the places a label of the given size may take around its node, best first: below, above,
 * right and left. `gap` is the space between the node's edge and the label.
 */
export function labelPlaces(node: { x: number; y: number; radius: number }, width: number, height: number, gap: number): Box[] {
  const { x, y, radius } = node;
  const box = (left: number, top: number): Box => ({ left, top, right: left + width, bottom: top + height });
  return [box(x - width / 2, y + radius + gap), box(x - width / 2, y - radius - gap - height), box(x + radius + gap, y - height / 2), box(x - radius - gap - width, y - height / 2)];
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Tells whether a box covers any part of a circle. */
export function boxCoversCircle(box: Box, x: number, y: number, radius: number): boolean {
  const nearestX = Math.min(Math.max(x, box.left), box.right);
  const nearestY = Math.min(Math.max(y, box.top), box.bottom);
  return (nearestX - x) ** 2 + (nearestY - y) ** 2 < radius * radius;
}

/** Largest node radius in graph units, so a creditor shared by hundreds of debts does not cover its neighbours. */
const MAX_RADIUS = 18;

/** Returns a node's radius: its type's base size, growing with the square root of its links. */
export function nodeRadius(baseRadius: number, degree: number): number {
  return Math.min(MAX_RADIUS, baseRadius + Math.sqrt(Math.max(0, degree)) * 0.9);
}

/** Width of a link without an amount, in screen pixels. */
export const PLAIN_LINK_WIDTH = 0.75;
const MAX_LINK_WIDTH = 6;

/**
 * Returns a link's width in screen pixels from the amount it carries, on a log scale: about 1.75 px
 * for £10, 3.25 px for £1,000 and 4.75 px for £100,000. Widths are rounded to quarter pixels because the
 * library strokes the links of one colour and width as one path, so few distinct widths draw faster.
 */
export function amountToLinkWidth(amount: number | null | undefined): number {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) return PLAIN_LINK_WIDTH;
  const width = 1 + 0.75 * Math.log10(1 + amount);
  return Math.min(MAX_LINK_WIDTH, Math.round(width * 4) / 4);
}

/** The priority a link carries: OWES and OWED_TO links carry their debt's, other links none. */
export type LinkPriority = 'priority' | 'non-priority' | 'unclassified' | 'none';

export function linkPriority(link: Pick<GraphLink, 'type' | 'properties'>): LinkPriority {
  if (link.type !== 'OWES' && link.type !== 'OWED_TO') return 'none';
  const priority = link.properties?.priority;
  if (priority === true) return 'priority';
  if (priority === false) return 'non-priority';
  return 'unclassified';
}

export type SourceLink = { href: string; label: string };

function documentPage(documentId: string, page: number, label: string): SourceLink {
  return { href: `/documents/${documentId}#page-${page}`, label };
}

function pagesOf(link: GraphLink): number[] {
  const pages = link.properties?.pages;
  if (Array.isArray(pages) && pages.every((page) => typeof page === 'number')) return pages as number[];
  const page = link.properties?.pageNumber;
  return typeof page === 'number' ? [page] : [];
}

/**
 * Lists the pages where a node's facts can be checked. A debt links to every page of every letter
 * that mentions it when those documents are in the view, and otherwise to the page of its latest
 * balance. Other nodes link to the page they were read from, their document or their client.
 */
export function sourceLinks(node: GraphNode, view: GraphView): SourceLink[] {
  const { documentId, pageNumber } = node.properties;
  const links: SourceLink[] = [];

  if (node.type === 'Debt') {
    const byId = new Map(view.nodes.map((candidate) => [candidate.id, candidate]));
    for (const link of view.links) {
      if (link.type !== 'MENTIONED_IN' || link.source !== node.id) continue;
      const document = byId.get(link.target);
      const mentionedId = document?.properties.documentId;
      if (!document || typeof mentionedId !== 'string') continue;
      for (const page of pagesOf(link)) links.push(documentPage(mentionedId, page, `${document.label}, page ${page}`));
    }
  }

  if (links.length === 0 && typeof documentId === 'string') {
    const documentName = view.nodes.find((candidate) => candidate.id === `document:${documentId}`)?.label;
    if (node.type === 'Document') links.push({ href: `/documents/${documentId}`, label: 'Open the document' });
    else if (typeof pageNumber === 'number') links.push(documentPage(documentId, pageNumber, documentName ? `${documentName}, page ${pageNumber}` : `Open the document at page ${pageNumber}`));
    else links.push({ href: `/documents/${documentId}`, label: documentName ? `Open ${documentName}` : 'Open the document' });
  }
  if (node.type === 'Client' && node.clientId) links.push({ href: `/clients/${node.clientId}`, label: 'Open the client' });
  return links;
}
