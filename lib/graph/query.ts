import { documentTypeLabel } from '../client/format';
import type { Graph, GraphLink, GraphNode, GraphQuery, GraphResult } from './types';

/** Among equally connected nodes, these types come first, so a capped graph keeps its structure. */
const typeOrder: Record<string, number> = { Client: 0, Creditor: 1, Debt: 2, Document: 3, CourtClaim: 4, Deadline: 5 };

/**
 * Applies a query's filters and node cap to the subgraph of its scope, the same way for both stores.
 * The filters run in this order: expand (a node and its neighbours), priority (debts of that kind and
 * the nodes linked to them), search (matching nodes and their neighbours), then types. The most connected nodes are kept first;
 * `degree` counts a node's links in the scope, so the screen can tell what expanding would show.
 */
export function shapeGraph(query: GraphQuery, scoped: Graph): GraphResult {
  const degree = new Map<string, number>();
  const neighbours = new Map<string, Set<string>>();
  for (const link of scoped.links) {
    for (const [from, to] of [[link.source, link.target], [link.target, link.source]]) {
      degree.set(from, (degree.get(from) ?? 0) + 1);
      if (!neighbours.has(from)) neighbours.set(from, new Set());
      neighbours.get(from)!.add(to);
    }
  }
  const around = (ids: Iterable<string>) => {
    const found = new Set(ids);
    for (const id of [...found]) for (const next of neighbours.get(id) ?? []) found.add(next);
    return found;
  };

  let nodes = scoped.nodes;
  if (query.expand) {
    const kept = around([query.expand]);
    nodes = nodes.some((node) => node.id === query.expand) ? nodes.filter((node) => kept.has(node.id)) : [];
  }
  if (query.priority) nodes = byPriority(nodes, query.priority, neighbours);
  if (query.q) {
    const needle = searchForm(query.q);
    const matches = nodes.filter((node) => matchesSearch(node, needle)).map((node) => node.id);
    const kept = around(matches);
    nodes = nodes.filter((node) => kept.has(node.id));
  }
  if (query.types && query.types.length > 0) nodes = nodes.filter((node) => query.types!.includes(node.type));

  const ranked = nodes
    .map((node) => ({ ...node, degree: degree.get(node.id) ?? 0 }))
    .sort((a, b) => Number(b.id === query.expand) - Number(a.id === query.expand) || b.degree - a.degree || (typeOrder[a.type] ?? 9) - (typeOrder[b.type] ?? 9) || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  const capped = ranked.slice(0, query.limit);
  const kept = new Set(capped.map((node) => node.id));
  const links: GraphLink[] = scoped.links.filter((link) => kept.has(link.source) && kept.has(link.target));
  return { nodes: capped, links, truncated: ranked.length > capped.length, total: ranked.length };
}

/** Keeps debts of one priority, the clients, and the other nodes linked to a kept debt. */
function byPriority(nodes: GraphNode[], priority: 'priority' | 'non-priority', neighbours: Map<string, Set<string>>): GraphNode[] {
  const wanted = priority === 'priority';
  const debts = new Set(nodes.filter((node) => node.type === 'Debt' && node.properties.priority === wanted).map((node) => node.id));
  // Clients too are kept only with a debt of that kind, so clients without one do not float apart.
  return nodes.filter((node) => {
    if (node.type === 'Debt') return debts.has(node.id);
    return [...(neighbours.get(node.id) ?? [])].some((id) => debts.has(id));
  });
}

/**
 * Lower case without spaces, pound signs, thousands commas, underscores, hyphens, slashes and
 * apostrophes. So "6120 4418" finds 612044187305, "1287.48" finds £1,287.48, "council tax" finds
 * the type council_tax and "QE30418857" finds QE-30418857. Full stops are kept, so "12.87" does not find £1,287.48.
 */
function searchForm(text: string): string {
  return text.toLowerCase().replace(/[\s£,_\-/'’]+/g, '');
}

/**
 * Lists the texts a search looks in: a node's label, references and other names, and for a debt its
 * type, both as stored and as the screen names it ("Enforcement agent (bailiff)"). A debt does not
 * match its creditor's name: the creditor node does, and brings its debts as neighbours.
 */
function searchTexts(node: GraphNode): unknown[] {
  const { accountReference, aliases, references, documentType } = node.properties;
  const lists = [aliases, references].flatMap((value) => (Array.isArray(value) ? (value as unknown[]) : []));
  const debtTexts = node.type === 'Debt' && typeof documentType === 'string' ? [documentType, documentTypeLabel(documentType)] : [];
  return [node.label, accountReference, ...lists, ...debtTexts];
}

function matchesSearch(node: GraphNode, needle: string): boolean {
  return searchTexts(node).some((text) => typeof text === 'string' && searchForm(text).includes(needle));
}
