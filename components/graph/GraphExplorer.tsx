'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Loading } from '@/components/ui/Loading';
import { Notice } from '@/components/ui/Notice';
import { plural } from '@/lib/client/format';
import { graphScreenSearch, graphScreenState, hiddenLinkCount, nodeCaps, shownLinkCounts, type GraphFilters as Filters, type GraphScreenState, type PriorityFilter } from '@/lib/client/graph-view';
import type { GraphNode, GraphNodeType } from '@/lib/client/types';
import { nodeName } from '@/lib/graph/names';
import { GraphCanvas } from './GraphCanvas';
import { GraphExport } from './GraphExport';
import { GraphFilters } from './GraphFilters';
import { GraphLegend } from './GraphLegend';
import { NodeDetails } from './NodeDetails';
import { NodeIndex } from './NodeIndex';
import { useGraphView, type Expansion } from './useGraphView';

const SEARCH_DELAY_MS = 300;

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** Changes the /graph address without a page load; Next.js keeps useSearchParams in step with it. */
function setAddress(state: GraphScreenState, mode: 'push' | 'replace') {
  const search = graphScreenSearch(state);
  if (search === window.location.search) return;
  if (mode === 'push') window.history.pushState(null, '', `/graph${search}`);
  else window.history.replaceState(null, '', `/graph${search}`);
}

/**
 * Renders the /graph screen. The filters are on the left. On the right are the canvas, what the cap
 * left out, the selected node's details and a list of every node. Expanding a node adds its
 * neighbours to the view until the filters change, and drilling down replaces the view with one
 * node's neighbourhood.
 */
export function GraphExplorer() {
  // The address contains the filters and the drill-down, so Back, a reload or a shared link shows the same view.
  const searchParams = useSearchParams();
  const [initial] = useState(() => graphScreenState(new URLSearchParams(searchParams.toString())));
  const [clientId, setClientId] = useState(initial.filters.clientId);
  const [types, setTypes] = useState<GraphNodeType[]>(initial.filters.types);
  const [priority, setPriority] = useState<PriorityFilter>(initial.filters.priority);
  const [search, setSearch] = useState(initial.filters.q);
  const q = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const [limit, setLimit] = useState(initial.limit);
  // A drill-down is a step in the browser's history, so Back returns to the graph before it. The
  // screen keeps the focus itself and reads it from the address when Back or Forward changes it:
  // Next.js updates useSearchParams some renders after a pushState, so reading it there would lag.
  const [focusId, setFocusId] = useState(initial.focusId);
  useEffect(() => {
    const followAddress = () => setFocusId(new URLSearchParams(window.location.search).get('focus') || null);
    window.addEventListener('popstate', followAddress);
    return () => window.removeEventListener('popstate', followAddress);
  }, []);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const filters: Filters = useMemo(() => ({ clientId, types, priority, q }), [clientId, types, priority, q]);
  // The address takes the search as typed, not debounced, so leaving the page at once still keeps it.
  const typed = search.trim();
  useEffect(() => setAddress({ filters: { ...filters, q: typed }, limit, focusId }, 'replace'), [filters, typed, limit, focusId]);

  // Expansions belong to the base graph they were made in; any change of it drops them.
  const baseKey = JSON.stringify([filters, limit, focusId]);
  const [expanded, setExpanded] = useState<{ baseKey: string; ids: string[] }>({ baseKey, ids: [] });
  const expandedIds = useMemo(() => (expanded.baseKey === baseKey ? expanded.ids : []), [expanded, baseKey]);
  // Expanding a node adds nodes beyond the fitted view, so each change of the expansions fits it again.
  const fitKey = JSON.stringify([baseKey, expandedIds]);

  const { base, view, expansions } = useGraphView({ filters, limit, focusId, expandedIds });
  const shown = useMemo(() => (view ? shownLinkCounts(view) : new Map<string, number>()), [view]);
  const typeCounts = useMemo(() => (view ? countByType(view.nodes) : null), [view]);
  const selected = view?.nodes.find((node) => node.id === selectedId) ?? null;
  const focusNode = focusId ? base.data?.nodes.find((node) => node.id === focusId) : undefined;

  function expand(nodeId: string) {
    if (expandedIds.includes(nodeId)) return;
    setExpanded({ baseKey, ids: [...expandedIds, nodeId] });
  }

  // The drill-down shows the node's neighbours whatever the search, and keeps the search, so Back
  // or "Back to the search results" returns to what the advisor found.
  function drillDown(node: GraphNode) {
    setFocusId(node.id);
    setAddress({ filters: { ...filters, q: typed }, limit, focusId: node.id }, 'push');
  }

  function clearFocus() {
    setFocusId(null);
    setAddress({ filters: { ...filters, q: typed }, limit, focusId: null }, 'push');
  }

  // A new search requests a new graph, so it ends a drill-down.
  function changeSearch(value: string) {
    setSearch(value);
    if (focusId) clearFocus();
  }

  const noTypes = types.length === 0;
  const loading = base.isPending && !noTypes;

  return (
    <div className="grid gap-6 lg:grid-cols-[17rem_1fr]">
      <div className="space-y-4">
        <GraphFilters
          clientId={clientId}
          onClientChange={(id) => {
            setClientId(id);
            if (focusId) clearFocus();
            setSelectedId(null);
          }}
          search={search}
          onSearchChange={changeSearch}
          types={types}
          onTypesChange={setTypes}
          typeCounts={typeCounts}
          priority={priority}
          onPriorityChange={setPriority}
          limit={limit}
          onLimitChange={setLimit}
        />
        <GraphLegend />
        <GraphExport filters={filters} />
      </div>

      <div className="min-w-0 space-y-4">
        {focusId && (
          <Notice tone="info" className="flex flex-wrap items-center justify-between gap-2" data-testid="graph-focus">
            <span>
              Showing <strong>{focusNode ? nodeName(focusNode) : 'the chosen node'}</strong> and all its neighbours{typed ? ', whatever the search' : ''}.
            </span>
            <Button variant="secondary" size="sm" onClick={clearFocus} data-testid="graph-focus-clear">
              {typed ? 'Back to the search results' : 'Back to the whole graph'}
            </Button>
          </Notice>
        )}
        {base.data?.truncated && (
          <TruncatedNotice shown={base.data.nodes.length} total={base.data.total} limit={limit} onRaise={setLimit} />
        )}
        <ExpansionNotices expansions={expansions} view={view?.nodes} />

        {noTypes && <EmptyState title="No types chosen">Tick at least one type to draw the graph.</EmptyState>}
        {!noTypes && base.isError && <ErrorMessage error={base.error} title="The graph could not be loaded." onRetry={() => void base.refetch()} />}
        {loading && <Loading label="Loading the graph…" className="p-4" />}
        {!noTypes && view && view.nodes.length === 0 && <NothingToShow search={focusId ? '' : q} />}
        {!noTypes && view && view.nodes.length > 0 && (
          <GraphCanvas
            view={view}
            showClients={!clientId}
            fitKey={fitKey}
            selectedId={selectedId}
            onSelect={setSelectedId}
            toolbar={
              <>
                <span aria-live="polite" data-testid="graph-summary">
                  {plural(view.nodes.length, 'node')}, {plural(view.links.length, 'link')}
                  {base.isFetching ? ' · updating…' : ''}
                </span>
                {expandedIds.length > 0 && (
                  <Button variant="ghost" size="sm" onClick={() => setExpanded({ baseKey, ids: [] })} data-testid="graph-collapse">
                    Remove expanded neighbours
                  </Button>
                )}
              </>
            }
          />
        )}

        {selected && view && (
          <NodeDetails
            key={selected.id}
            node={selected}
            view={view}
            hiddenLinks={hiddenLinkCount(selected, shown)}
            onSelect={setSelectedId}
            onClose={() => setSelectedId(null)}
            onExpand={() => expand(selected.id)}
            expanding={expansions.some((expansion) => expansion.id === selected.id && expansion.pending)}
            onFocus={focusId === selected.id ? null : () => drillDown(selected)}
          />
        )}
        {view && view.nodes.length > 0 && <NodeIndex view={view} showClients={!clientId} selectedId={selectedId} onSelect={setSelectedId} />}
      </div>
    </div>
  );
}

/** Says why the graph is empty: nothing matches the search, or nothing matches the filters. */
function NothingToShow({ search }: { search: string }) {
  if (search) {
    return (
      <EmptyState title={`Nothing matches “${search}”`} data-testid="graph-empty">
        The search looks in names of clients, creditors and documents, creditors&apos; other names, debt types such as council tax, amounts and references. Try fewer or other words, or clear the search.
      </EmptyState>
    );
  }
  return (
    <EmptyState title="Nothing to show" data-testid="graph-empty">
      No entities match. Upload documents for a client, or change the filters.
    </EmptyState>
  );
}

function countByType(nodes: GraphNode[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.type, (counts.get(node.type) ?? 0) + 1);
  return counts;
}

/** Says that the cap left nodes out and how to see them, with a button to raise the cap when a larger one exists. */
function TruncatedNotice({ shown, total, limit, onRaise }: { shown: number; total: number; limit: number; onRaise: (limit: number) => void }) {
  const nextCap = nodeCaps.find((cap) => cap > limit);
  return (
    <Notice tone="warning" data-testid="graph-truncated">
      <p>
        Showing {shown.toLocaleString('en-GB')} of {total.toLocaleString('en-GB')} nodes, the most connected. Refine the filters, choose one client or search; or select a node with a grey outer ring and expand it to see what was left out.
      </p>
      {nextCap && (
        <Button variant="secondary" size="sm" className="mt-2" onClick={() => onRaise(nextCap)} data-testid="graph-show-more">
          Draw up to {nextCap.toLocaleString('en-GB')} nodes
        </Button>
      )}
    </Notice>
  );
}

type ExpansionNotice = { id: string; error: Error | null; text: string };

/** Reports expansions that failed, found nothing new or were cut by their own cap. */
function ExpansionNotices({ expansions, view }: { expansions: Expansion[]; view: GraphNode[] | undefined }) {
  const labels = useMemo(() => new Map((view ?? []).map((node) => [node.id, nodeName(node)])), [view]);
  const notices = expansions.flatMap((expansion): ExpansionNotice[] => {
    const name = labels.get(expansion.id) ?? 'the node';
    if (expansion.error) return [{ id: expansion.id, error: expansion.error, text: `The neighbours of ${name} could not be loaded.` }];
    if (expansion.result?.truncated) return [{ id: expansion.id, error: null, text: `${name}: showing ${expansion.result.nodes.length.toLocaleString('en-GB')} of ${expansion.result.total.toLocaleString('en-GB')} neighbours, the most connected.` }];
    return [];
  });
  if (notices.length === 0) return null;
  return (
    <div className="space-y-2" data-testid="graph-expand-notices">
      {notices.map((notice) =>
        notice.error ? (
          <ErrorMessage key={notice.id} error={notice.error} title={notice.text} />
        ) : (
          <Notice key={notice.id} tone="warning">
            {notice.text}
          </Notice>
        ),
      )}
    </div>
  );
}
