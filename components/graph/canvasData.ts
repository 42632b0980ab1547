import { amountToLinkWidth, canvasName, hiddenLinkCount, hubIds, linkPriority, nodeRadius, shownLinkCounts, viewClientNames, type GraphView, type LinkPriority } from '@/lib/client/graph-view';
import { formatMoney } from '@/lib/client/format';
import { nodeName } from '@/lib/graph/names';
import type { GraphNodeType } from '@/lib/graph/types';
import type { CanvasLink, CanvasNode } from './ForceGraphCanvas';
import { baseRadiusOf, colourOf, linkTypeLabel, nodeTypeLabels, priorityColours, priorityLabels } from './nodeStyles';

const LABEL_MAX_CHARACTERS = 28;
/** Nodes labelled at any zoom: the most connected ones, which advisors look for first. */
const HUB_LABELS = 30;

/** Nodes and links for the canvas, and the nodes grouped the way the paint functions draw them. */
export type CanvasData = {
  nodes: CanvasNode[];
  links: CanvasLink[];
  /** Nodes by fill colour, so each colour is filled as one path. */
  byColour: [string, CanvasNode[]][];
  /** Debts by ring colour (their priority). */
  byRing: [string, CanvasNode[]][];
  /** Nodes with links the view leaves out, drawn with a thin grey outer ring. */
  withHiddenLinks: CanvasNode[];
  /** Every node in the order their labels are placed: clients, hubs, then by type, more connected first. */
  labelOrder: CanvasNode[];
};

/** Among nodes that are not hubs, the types whose labels are placed first; documents and deadlines are many and come last. */
const labelTypeOrder: Record<GraphNodeType, number> = { Client: 0, Creditor: 1, Debt: 2, CourtClaim: 3, Document: 4, Deadline: 5 };

export type Position = { x: number; y: number };

function debtPriority(priority: unknown): LinkPriority {
  if (priority === true) return 'priority';
  if (priority === false) return 'non-priority';
  return 'unclassified';
}

function groupBy(nodes: CanvasNode[], key: (node: CanvasNode) => string | null): [string, CanvasNode[]][] {
  const groups = new Map<string, CanvasNode[]>();
  for (const node of nodes) {
    const value = key(node);
    if (value === null) continue;
    const group = groups.get(value);
    if (group) group.push(node);
    else groups.set(value, [node]);
  }
  return [...groups];
}

function shorten(text: string): string {
  return text.length > LABEL_MAX_CHARACTERS ? `${text.slice(0, LABEL_MAX_CHARACTERS - 1)}…` : text;
}

function linkTooltip(type: string, amount: unknown, priority: string): string {
  const amountText = typeof amount === 'number' ? ` ${formatMoney(amount)}` : '';
  const priorityText = priority === 'none' ? '' : ` (${priorityLabels[priority as keyof typeof priorityLabels].toLowerCase()})`;
  return `${linkTypeLabel(type)}${amountText}${priorityText}`;
}

/**
 * Copies the view for the canvas. The library mutates the objects it is given (positions, and link
 * ends replaced by nodes), so it must never receive the cached responses. Nodes keep the position
 * they had in the previous drawing, and a new node starts beside a neighbour that had one, so an
 * expansion grows out of the node that was expanded instead of restarting the layout.
 * `showClients` is set when the view may hold several clients: tooltips then name each node's
 * client, and a debt whose client is not drawn is labelled with the client instead of the creditor.
 */
export function toCanvasData(view: GraphView, previous: Map<string, Position>, showClients: boolean): CanvasData {
  const shown = shownLinkCounts(view);
  const hubs = hubIds(view.nodes, HUB_LABELS);
  const clientNames = viewClientNames(view);
  const drawnClients = new Set(view.nodes.filter((node) => node.type === 'Client').map((node) => node.clientId));

  const nodes: CanvasNode[] = view.nodes.map((node) => {
    const radius = nodeRadius(baseRadiusOf(node.type), node.degree ?? shown.get(node.id) ?? 0);
    const clientName = showClients && node.type !== 'Client' && node.clientId ? clientNames.get(node.clientId) : undefined;
    const canvasNode: CanvasNode = {
      id: node.id,
      type: node.type,
      label: node.label,
      text: shorten(canvasName(node, drawnClients.has(node.clientId) ? undefined : clientName)),
      tooltip: `${nodeTypeLabels[node.type] ?? node.type}: ${nodeName(node)}${clientName ? ` · ${clientName}` : ''}`,
      radius,
      val: radius * radius,
      colour: colourOf(node.type),
      ring: node.type === 'Debt' ? priorityColours[debtPriority(node.properties.priority)] : null,
      hiddenLinks: hiddenLinkCount(node, shown),
      hub: hubs.has(node.id),
    };
    const position = previous.get(node.id);
    if (position) Object.assign(canvasNode, position);
    return canvasNode;
  });

  const byId = new Map(nodes.map((node) => [node.id, node]));
  const links: CanvasLink[] = view.links.map((link) => {
    const priority = linkPriority(link);
    const amount = link.properties?.amount;
    return {
      source: link.source,
      target: link.target,
      type: link.type,
      width: amountToLinkWidth(typeof amount === 'number' ? amount : null),
      colour: priorityColours[priority],
      dashed: priority === 'unclassified',
      tooltip: linkTooltip(link.type, amount, priority),
    };
  });
  placeBesideNeighbours(links, byId, previous);

  return {
    nodes,
    links,
    byColour: groupBy(nodes, (node) => node.colour),
    byRing: groupBy(nodes, (node) => node.ring),
    withHiddenLinks: nodes.filter((node) => node.hiddenLinks > 0),
    labelOrder: [...nodes].sort(byLabelOrder),
  };
}

function labelRank(node: CanvasNode): number {
  if (node.type === 'Client') return 0;
  if (node.hub) return 1;
  return 2 + (labelTypeOrder[node.type as GraphNodeType] ?? 9);
}

function byLabelOrder(a: CanvasNode, b: CanvasNode): number {
  return labelRank(a) - labelRank(b) || b.radius - a.radius;
}

/** Starts each new node a little way from a neighbour that already has a position. */
function placeBesideNeighbours(links: CanvasLink[], byId: Map<string, CanvasNode>, previous: Map<string, Position>) {
  if (previous.size === 0) return;
  for (const link of links) {
    const [source, target] = [byId.get(String(link.source)), byId.get(String(link.target))];
    if (!source || !target) continue;
    for (const [placed, fresh] of [[source, target], [target, source]]) {
      if (placed.x === undefined || fresh.x !== undefined || previous.has(fresh.id)) continue;
      const angle = Math.random() * 2 * Math.PI;
      fresh.x = placed.x + Math.cos(angle) * 20;
      fresh.y = (placed.y ?? 0) + Math.sin(angle) * 20;
    }
  }
}
