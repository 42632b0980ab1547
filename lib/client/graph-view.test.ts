import { describe, expect, it } from 'vitest';
import { amountToLinkWidth, DEFAULT_NODE_CAP, expandUrl, exportUrl, graphScreenSearch, graphScreenState, graphUrl, hiddenLinkCount, hubIds, linkPriority, mergeGraphs, nodeRadius, PLAIN_LINK_WIDTH, shownLinkCounts, sourceLinks, type GraphFilters } from './graph-view';
import type { GraphLink, GraphNode, GraphNodeType } from './types';

const everything: GraphFilters = { clientId: '', types: ['Client', 'Document', 'Creditor', 'Debt', 'Deadline', 'CourtClaim'], priority: '', q: '' };
const clientId = '2b7d6c9e-4a51-4a0e-9a43-3f1f2c0d8e11';
const documentId = '7a0f5b0e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';

function node(id: string, type: GraphNode['type'], extra: Partial<GraphNode> = {}): GraphNode {
  return { id, type, label: id, clientId, properties: {}, ...extra };
}

describe('graph addresses', () => {
  it('sends only the cap without filters', () => {
    expect(graphUrl(everything, 500)).toBe('/api/graph?limit=500');
  });

  it('sends each chosen filter', () => {
    const url = new URL(graphUrl({ clientId, types: ['Debt', 'Creditor'], priority: 'priority', q: 'Brackwater' }, 2000), 'http://app');
    expect(url.searchParams.get('clientId')).toBe(clientId);
    expect(url.searchParams.get('types')).toBe('Debt,Creditor');
    expect(url.searchParams.get('priority')).toBe('priority');
    expect(url.searchParams.get('q')).toBe('Brackwater');
    expect(url.searchParams.get('limit')).toBe('2000');
  });

  it('expands without the search', () => {
    const url = new URL(expandUrl({ ...everything, clientId, q: 'Brackwater' }, 'creditor:brackwater portfolio recoveries'), 'http://app');
    expect(url.searchParams.get('expand')).toBe('creditor:brackwater portfolio recoveries');
    expect(url.searchParams.get('clientId')).toBe(clientId);
    expect(url.searchParams.has('q')).toBe(false);
  });

  it('exports with the filters and no cap', () => {
    const url = new URL(exportUrl({ ...everything, priority: 'non-priority', q: '6120' }, 'csv'), 'http://app');
    expect(url.pathname).toBe('/api/graph/export');
    expect(url.searchParams.get('format')).toBe('csv');
    expect(url.searchParams.get('priority')).toBe('non-priority');
    expect(url.searchParams.get('q')).toBe('6120');
    expect(url.searchParams.has('limit')).toBe(false);
  });
});

describe('mergeGraphs', () => {
  const base = { nodes: [node('client:a', 'Client'), node('debt:1', 'Debt')], links: [{ source: 'client:a', target: 'debt:1', type: 'OWES' } as GraphLink] };
  const expansion = {
    nodes: [node('debt:1', 'Debt', { label: 'second copy' }), node('creditor:x', 'Creditor')],
    links: [{ source: 'client:a', target: 'debt:1', type: 'OWES' } as GraphLink, { source: 'debt:1', target: 'creditor:x', type: 'OWED_TO' } as GraphLink],
  };

  it('keeps each node once', () => {
    expect(mergeGraphs([base, expansion]).nodes.map((item) => item.id)).toEqual(['client:a', 'debt:1', 'creditor:x']);
  });

  it('keeps the first copy of a node', () => {
    expect(mergeGraphs([base, expansion]).nodes[1].label).toBe('debt:1');
  });

  it('keeps each link once', () => {
    expect(mergeGraphs([base, expansion]).links.map((link) => link.type)).toEqual(['OWES', 'OWED_TO']);
  });

  it('drops links to nodes not in the view', () => {
    const dangling = { nodes: [], links: [{ source: 'debt:1', target: 'document:gone', type: 'MENTIONED_IN' } as GraphLink] };
    expect(mergeGraphs([base, dangling]).links).toHaveLength(1);
  });
});

describe('hidden links', () => {
  it('counts links the view leaves out', () => {
    const hub = node('creditor:x', 'Creditor', { degree: 5 });
    const view = { nodes: [hub, node('debt:1', 'Debt', { degree: 1 })], links: [{ source: 'debt:1', target: 'creditor:x', type: 'OWED_TO' } as GraphLink] };
    const shown = shownLinkCounts(view);
    expect(hiddenLinkCount(hub, shown)).toBe(4);
    expect(hiddenLinkCount(view.nodes[1], shown)).toBe(0);
  });

  it('picks the most connected nodes as hubs', () => {
    const nodes = [node('a', 'Creditor', { degree: 10 }), node('b', 'Creditor', { degree: 2 }), node('c', 'Client', { degree: 30 }), node('d', 'Debt', { degree: 4 })];
    expect([...hubIds(nodes, 2)]).toEqual(['c', 'a']);
  });
});

describe('scales', () => {
  it('widens links on a log scale', () => {
    expect(amountToLinkWidth(10)).toBe(1.75);
    expect(amountToLinkWidth(1_000)).toBe(3.25);
    expect(amountToLinkWidth(100_000)).toBe(4.75);
  });

  it('draws links without an amount thin', () => {
    expect(amountToLinkWidth(undefined)).toBe(PLAIN_LINK_WIDTH);
    expect(amountToLinkWidth(0)).toBe(PLAIN_LINK_WIDTH);
  });

  it('caps the widest link', () => {
    expect(amountToLinkWidth(1e15)).toBe(6);
  });

  it('grows nodes with their links up to a cap', () => {
    expect(nodeRadius(5, 0)).toBe(5);
    expect(nodeRadius(5, 16)).toBeCloseTo(8.6);
    expect(nodeRadius(5, 10_000)).toBe(18);
  });

  it('reads the priority of debt links only', () => {
    expect(linkPriority({ type: 'OWES', properties: { amount: 10, priority: true } })).toBe('priority');
    expect(linkPriority({ type: 'OWED_TO', properties: { priority: false } })).toBe('non-priority');
    expect(linkPriority({ type: 'OWED_TO', properties: { amount: 10 } })).toBe('unclassified');
    expect(linkPriority({ type: 'MENTIONED_IN', properties: { pageNumber: 1 } })).toBe('none');
  });
});

describe('sourceLinks', () => {
  const debt = node('debt:1', 'Debt', { properties: { documentId: 'latest', pageNumber: 3 } });
  const letter = node(`document:${documentId}`, 'Document', { label: '08_debt_collection_sold_on.pdf', properties: { documentId } });

  it('links a debt to every page that mentions it', () => {
    const view = { nodes: [debt, letter], links: [{ source: 'debt:1', target: letter.id, type: 'MENTIONED_IN', properties: { pageNumber: 1, pages: [1, 2] } } as GraphLink] };
    expect(sourceLinks(debt, view)).toEqual([
      { href: `/documents/${documentId}#page-1`, label: '08_debt_collection_sold_on.pdf, page 1' },
      { href: `/documents/${documentId}#page-2`, label: '08_debt_collection_sold_on.pdf, page 2' },
    ]);
  });

  it('falls back to the latest page without documents', () => {
    expect(sourceLinks(debt, { nodes: [debt], links: [] })).toEqual([{ href: '/documents/latest#page-3', label: 'Open the document at page 3' }]);
  });

  it('links a document to itself', () => {
    expect(sourceLinks(letter, { nodes: [letter], links: [] })).toEqual([{ href: `/documents/${documentId}`, label: 'Open the document' }]);
  });

  it('links a client to its page', () => {
    expect(sourceLinks(node(`client:${clientId}`, 'Client'), { nodes: [], links: [] })).toEqual([{ href: `/clients/${clientId}`, label: 'Open the client' }]);
  });
});

describe('graph screen address', () => {
  it('leaves defaults out', () => {
    expect(graphScreenSearch({ filters: everything, limit: DEFAULT_NODE_CAP, focusId: null })).toBe('');
  });

  it('round-trips every choice', () => {
    const state = { filters: { clientId: 'c-1', types: ['Debt', 'Creditor'] as GraphNodeType[], priority: 'priority' as const, q: 'Northmere Bank' }, limit: 1_000, focusId: 'creditor:northmere' };
    expect(graphScreenState(new URLSearchParams(graphScreenSearch(state)))).toEqual({ ...state, filters: { ...state.filters, types: ['Creditor', 'Debt'] } });
  });

  it('ignores values the screen does not offer', () => {
    const state = graphScreenState(new URLSearchParams('types=Debt,Planet&priority=urgent&limit=7'));
    expect(state.filters.types).toEqual(['Debt']);
    expect(state.filters.priority).toBe('');
    expect(state.limit).toBe(DEFAULT_NODE_CAP);
  });
});
