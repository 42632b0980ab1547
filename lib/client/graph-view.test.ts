import { describe, expect, it } from 'vitest';
import {
  amountToLinkWidth,
  boxCoversCircle,
  boxesOverlap,
  canvasName,
  compareForList,
  DEFAULT_NODE_CAP,
  expandUrl,
  exportUrl,
  graphScreenSearch,
  graphScreenState,
  graphUrl,
  hiddenLinkCount,
  hubIds,
  detailZoom,
  LABEL_ZOOM,
  labelOffered,
  labelPlaces,
  linkPriority,
  mergeGraphs,
  neighboursUrl,
  nodeRadius,
  PLAIN_LINK_WIDTH,
  shownLinkCounts,
  sourceLinks,
  viewClientNames,
  type GraphFilters,
} from './graph-view';
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

  it('asks for all neighbours of a debt', () => {
    const url = new URL(neighboursUrl('debt:1', clientId), 'http://app');
    expect([...url.searchParams.keys()].sort()).toEqual(['clientId', 'expand', 'limit']);
    expect(url.searchParams.get('expand')).toBe('debt:1');
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

  it('keeps every part\'s client names', () => {
    const merged = mergeGraphs([{ ...base, clientNames: { a: 'Ada Fenwick' } }, { ...expansion, clientNames: { b: 'Ben Okafor' } }]);
    expect(merged.clientNames).toEqual({ a: 'Ada Fenwick', b: 'Ben Okafor' });
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

  it('names the document of a deadline', () => {
    const deadline = node('deadline:1:2026-10-14', 'Deadline', { label: '2026-10-14', properties: { documentId, pageNumber: 2 } });
    expect(sourceLinks(deadline, { nodes: [deadline, letter], links: [] })).toEqual([{ href: `/documents/${documentId}#page-2`, label: '08_debt_collection_sold_on.pdf, page 2' }]);
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

describe('node names and order', () => {
  const debt = (id: string, amount: number | undefined, creditor = 'Quillstone Energy Ltd') => node(id, 'Debt', { properties: amount === undefined ? { creditor } : { amount, creditor } });

  it('sorts debts by amount', () => {
    const sorted = [debt('a', 84.6), debt('b', 1126.35), debt('c', 147.96), debt('d', 612.48)].sort(compareForList);
    expect(sorted.map((item) => item.properties.amount)).toEqual([84.6, 147.96, 612.48, 1126.35]);
  });

  it('puts debts of unknown amount last', () => {
    expect([debt('a', undefined), debt('b', 5)].sort(compareForList).map((item) => item.id)).toEqual(['b', 'a']);
  });

  it('sorts deadlines by date', () => {
    const deadlines = ['2027-02-10', '2026-08-17', '2026-10-14'].map((date) => node(`deadline:${date}`, 'Deadline', { label: date }));
    expect(deadlines.sort(compareForList).map((item) => item.label)).toEqual(['2026-08-17', '2026-10-14', '2027-02-10']);
  });

  it('names a debt on the canvas by amount and creditor', () => {
    expect(canvasName(debt('a', 612.48), undefined)).toBe('£612.48 · Quillstone Energy Ltd');
  });

  it('names a debt on the canvas by amount and client', () => {
    expect(canvasName(debt('a', 612.48), 'Tobias Quennell')).toBe('£612.48 · Tobias Quennell');
  });

  it('reads client names from the API and the client nodes', () => {
    const names = viewClientNames({ nodes: [node('client:c', 'Client', { label: 'Corinne Ashdale', clientId: 'c' })], links: [], clientNames: { t: 'Tobias Quennell' } });
    expect([...names]).toEqual([['t', 'Tobias Quennell'], ['c', 'Corinne Ashdale']]);
  });
});

describe('canvas labels', () => {
  const at = { scale: 1, detailScale: 3, nodeCount: 40, nearFocus: false };

  it('labels clients and hubs at any zoom', () => {
    expect(labelOffered({ type: 'Client', hub: false }, { ...at, nodeCount: 5_000, scale: 0.1 })).toBe(true);
    expect(labelOffered({ type: 'Document', hub: true }, { ...at, nodeCount: 5_000, scale: 0.1 })).toBe(true);
  });

  it('labels debts of a small graph', () => {
    expect(labelOffered({ type: 'Debt', hub: false }, at)).toBe(true);
  });

  it('waits for zoom to label documents', () => {
    expect(labelOffered({ type: 'Document', hub: false }, at)).toBe(false);
    expect(labelOffered({ type: 'Document', hub: false }, { ...at, scale: 3 })).toBe(true);
  });

  it('shows every label from half as close again as the fit', () => {
    expect(detailZoom(2.5)).toBe(3.75);
  });

  it('shows every label of a large graph from a fixed zoom', () => {
    expect(detailZoom(0.2)).toBe(LABEL_ZOOM);
  });

  it('waits for the first fit to show every label', () => {
    expect(detailZoom(null)).toBe(Number.POSITIVE_INFINITY);
  });

  it('labels neighbours of the focus', () => {
    expect(labelOffered({ type: 'Deadline', hub: false }, { ...at, nearFocus: true })).toBe(true);
  });

  it('waits for zoom to label debts of a large graph', () => {
    expect(labelOffered({ type: 'Debt', hub: false }, { ...at, nodeCount: 2_000 })).toBe(false);
  });

  it('tries below, above, right and left', () => {
    const [below, above, right, left] = labelPlaces({ x: 0, y: 0, radius: 5 }, 40, 10, 1);
    expect(below).toEqual({ left: -20, top: 6, right: 20, bottom: 16 });
    expect(above).toEqual({ left: -20, top: -16, right: 20, bottom: -6 });
    expect(right).toEqual({ left: 6, top: -5, right: 46, bottom: 5 });
    expect(left).toEqual({ left: -46, top: -5, right: -6, bottom: 5 });
  });

  it('sees a label over a node', () => {
    const box = { left: 0, top: 0, right: 40, bottom: 10 };
    expect(boxCoversCircle(box, 20, 14, 5)).toBe(true);
    expect(boxCoversCircle(box, 20, 16, 5)).toBe(false);
    expect(boxCoversCircle(box, 44, 14, 5)).toBe(false);
  });

  it('sees labels overlap', () => {
    expect(boxesOverlap({ left: 0, top: 0, right: 10, bottom: 10 }, { left: 9, top: 9, right: 20, bottom: 20 })).toBe(true);
    expect(boxesOverlap({ left: 0, top: 0, right: 10, bottom: 10 }, { left: 10, top: 0, right: 20, bottom: 10 })).toBe(false);
  });
});
