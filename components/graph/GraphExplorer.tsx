'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Card } from '@/components/ui/Card';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Field, Select, TextInput } from '@/components/ui/Field';
import { Loading } from '@/components/ui/Loading';
import { Notice } from '@/components/ui/Notice';
import { fetchJson } from '@/lib/client/api';
import { plural } from '@/lib/client/format';
import { fetchClients, queryKeys } from '@/lib/client/queries';
import type { Graph, GraphNode, GraphNodeType } from '@/lib/client/types';
import { graphNodeTypes } from '@/lib/graph/types';
import { ForceGraph } from './ForceGraph';
import type { CanvasLink, CanvasMethods, CanvasNode } from './ForceGraphCanvas';
import { NodeDetails } from './NodeDetails';
import { colourOf, nodeColours, nodeLabel, nodeTypeLabels, radiusOf } from './nodeStyles';

/** Maximum nodes requested, the API's default. A larger graph is cut, and a notice above the canvas shows it. */
const NODE_LIMIT = 500;
const CANVAS_HEIGHT = 560;
const LABEL_MAX_CHARACTERS = 28;

type GraphFilters = { clientId: string; types: GraphNodeType[]; q: string };

function graphUrl(filters: GraphFilters): string {
  const search = new URLSearchParams({ limit: String(NODE_LIMIT) });
  if (filters.clientId) search.set('clientId', filters.clientId);
  if (filters.types.length < graphNodeTypes.length) search.set('types', filters.types.join(','));
  if (filters.q) search.set('q', filters.q);
  return `/api/graph?${search}`;
}

/** Returns the id of a link end, which the library replaces with the node object once it has run. */
function endId(end: CanvasLink['source']): string {
  return typeof end === 'object' && end !== null ? String(end.id) : String(end);
}

/**
 * Copies the graph for the canvas. The library mutates the objects it is given (positions, and link
 * ends replaced by nodes), so it must never receive the cached response. Links to nodes left out by a
 * filter or the limit are dropped, because the library throws on a link to a missing node.
 */
function toCanvasData(graph: Graph): { nodes: CanvasNode[]; links: CanvasLink[] } {
  const nodes = graph.nodes.map((node) => ({ ...node, properties: { ...node.properties } }));
  const ids = new Set(nodes.map((node) => node.id));
  const links = graph.links
    .map((link) => ({ ...link, source: endId(link.source), target: endId(link.target) }))
    .filter((link) => ids.has(link.source) && ids.has(link.target));
  return { nodes, links };
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

function useElementWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

export function GraphExplorer() {
  const ids = { client: useId(), search: useId() };
  const [clientId, setClientId] = useState('');
  const [types, setTypes] = useState<GraphNodeType[]>([...graphNodeTypes]);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const clients = useQuery({ queryKey: queryKeys.clients, queryFn: fetchClients });
  const filters: GraphFilters = { clientId, types, q };
  const graph = useQuery({
    queryKey: [...queryKeys.graph, filters],
    queryFn: () => fetchJson<Graph>(graphUrl(filters)),
    enabled: types.length > 0,
    placeholderData: (previous) => previous,
  });

  const selected = graph.data?.nodes.find((node) => node.id === selectedId) ?? null;

  function toggleType(type: GraphNodeType, checked: boolean) {
    setTypes((current) => (checked ? graphNodeTypes.filter((candidate) => candidate === type || current.includes(candidate)) : current.filter((candidate) => candidate !== type)));
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
      <div className="space-y-4">
        <Card title="Show" headingLevel={2}>
          <div className="space-y-4">
            <Field id={ids.client} label="Client">
              <Select id={ids.client} value={clientId} onChange={(event) => { setClientId(event.target.value); setSelectedId(null); }} data-testid="graph-client-select">
                <option value="">All clients</option>
                {clients.data?.clients.map((client) => (
                  <option key={client.id} value={client.id}>
                    {client.name}
                  </option>
                ))}
              </Select>
            </Field>
            {clients.isError && <ErrorMessage error={clients.error} title="The client list could not be loaded." />}

            <Field id={ids.search} label="Search" hint="Names, amounts or references.">
              <TextInput id={ids.search} type="search" value={search} onChange={(event) => setSearch(event.target.value)} aria-describedby={`${ids.search}-hint`} data-testid="graph-search" />
            </Field>

            <fieldset data-testid="graph-type-filters">
              <legend className="mb-1 text-sm font-medium text-slate-800">Types (colour key)</legend>
              <ul className="space-y-1">
                {graphNodeTypes.map((type) => (
                  <li key={type}>
                    <label className="flex items-center gap-2 text-sm">
                      <input type="checkbox" checked={types.includes(type)} onChange={(event) => toggleType(type, event.target.checked)} className="size-4 accent-teal-700" data-testid={`graph-type-${type}`} />
                      <span aria-hidden className="inline-block size-3 rounded-full" style={{ backgroundColor: nodeColours[type] }} />
                      {nodeTypeLabels[type]}
                      {graph.data && <span className="text-xs text-slate-500">({graph.data.nodes.filter((node) => node.type === type).length})</span>}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          </div>
        </Card>
      </div>

      <div className="min-w-0 space-y-4">
        <GraphCanvasArea graph={graph.data} loading={graph.isPending && types.length > 0} fetching={graph.isFetching} error={graph.isError ? graph.error : null} onRetry={() => void graph.refetch()} noTypes={types.length === 0} selectedId={selectedId} onSelect={setSelectedId} />
        {selected && graph.data && <NodeDetails node={selected} graph={graph.data} onSelect={setSelectedId} onClose={() => setSelectedId(null)} />}
        {graph.data && graph.data.nodes.length > 0 && <NodeIndex nodes={graph.data.nodes} selectedId={selectedId} onSelect={setSelectedId} />}
      </div>
    </div>
  );
}

type GraphCanvasAreaProps = {
  graph: Graph | undefined;
  loading: boolean;
  fetching: boolean;
  error: unknown;
  onRetry: () => void;
  noTypes: boolean;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
};

function GraphCanvasArea({ graph, loading, fetching, error, onRetry, noTypes, selectedId, onSelect }: GraphCanvasAreaProps) {
  const { ref: container, width } = useElementWidth<HTMLDivElement>();
  const graphRef = useRef<CanvasMethods | undefined>(undefined);
  const fitted = useRef(false);
  const data = useMemo(() => (graph ? toCanvasData(graph) : null), [graph]);

  useEffect(() => {
    fitted.current = false;
  }, [data]);

  let body;
  if (noTypes) body = <EmptyState title="No types chosen">Tick at least one type to draw the graph.</EmptyState>;
  else if (error) body = <ErrorMessage error={error} title="The graph could not be loaded." onRetry={onRetry} />;
  else if (loading || !data) body = <Loading label="Loading the graph…" className="p-4" />;
  else if (data.nodes.length === 0) body = <EmptyState title="Nothing to show" data-testid="graph-empty">No entities match. Upload documents for a client, or change the filters.</EmptyState>;
  else if (width > 0) {
    body = (
      <ForceGraph
        graphRef={graphRef}
        graphData={data}
        width={width}
        height={CANVAS_HEIGHT}
        backgroundColor="#ffffff"
        nodeLabel={(node) => `${nodeTypeLabels[node.type as GraphNodeType] ?? node.type}: ${nodeLabel(node)}`}
        nodeCanvasObject={(node, context, scale) => drawNode(node, context, scale, node.id === selectedId)}
        onRenderFramePost={(context, scale) => drawLabels(data.nodes, context, scale)}
        nodePointerAreaPaint={(node, colour, context) => {
          context.fillStyle = colour;
          context.beginPath();
          context.arc(node.x ?? 0, node.y ?? 0, radiusOf(node.type) + 2, 0, 2 * Math.PI);
          context.fill();
        }}
        linkColor={() => '#cbd5e1'}
        linkDirectionalArrowLength={3}
        linkDirectionalArrowRelPos={1}
        linkLabel={(link) => link.type}
        cooldownTicks={150}
        onEngineStop={() => {
          if (fitted.current) return;
          fitted.current = true;
          graphRef.current?.zoomToFit(400, 40);
        }}
        onNodeClick={(node) => onSelect(String(node.id))}
        onBackgroundClick={() => onSelect(null)}
      />
    );
  }

  return (
    <section aria-label="Graph" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2 text-sm text-slate-600">
        <span aria-live="polite" data-testid="graph-summary">
          {data ? `${plural(data.nodes.length, 'node')}, ${plural(data.links.length, 'link')}` : ' '}
          {fetching && data ? ' · updating…' : ''}
        </span>
        {data && data.nodes.length > 0 && (
          <button type="button" className="rounded px-2 py-0.5 text-teal-800 hover:bg-teal-50" onClick={() => graphRef.current?.zoomToFit(400, 40)}>
            Fit to view
          </button>
        )}
      </div>
      {graph && graph.nodes.length >= NODE_LIMIT && (
        <Notice tone="warning" className="m-3">
          Only the first {NODE_LIMIT} nodes are shown. Choose one client or search to narrow the graph.
        </Notice>
      )}
      <div ref={container} style={{ minHeight: CANVAS_HEIGHT }} className="relative overflow-hidden" data-testid="graph-canvas">
        {body}
      </div>
    </section>
  );
}

/** Draws a node as a coloured dot, ringed when selected. */
function drawNode(node: CanvasNode, context: CanvasRenderingContext2D, scale: number, selected: boolean) {
  context.beginPath();
  context.arc(node.x ?? 0, node.y ?? 0, radiusOf(node.type), 0, 2 * Math.PI);
  context.fillStyle = colourOf(node.type);
  context.fill();
  if (selected) {
    context.lineWidth = 3 / scale;
    context.strokeStyle = '#f59e0b';
    context.stroke();
  }
}

/**
 * Draws every label under its node after all nodes are drawn, so no node covers a label. The font
 * is divided by the zoom scale to stay 12 px on screen at any zoom. The nodes carry the positions
 * the library wrote into them.
 */
function drawLabels(nodes: CanvasNode[], context: CanvasRenderingContext2D, scale: number) {
  context.font = `${12 / scale}px ui-sans-serif, system-ui, sans-serif`;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  context.lineWidth = 3 / scale;
  context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  context.fillStyle = '#0f172a';

  for (const node of nodes) {
    if (node.x === undefined || node.y === undefined) continue;
    const text = nodeLabel(node);
    const label = text.length > LABEL_MAX_CHARACTERS ? `${text.slice(0, LABEL_MAX_CHARACTERS - 1)}…` : text;
    const top = node.y + radiusOf(node.type) + 2 / scale;
    context.strokeText(label, node.x, top);
    context.fillText(label, node.x, top);
  }
}

/** Lists the drawn nodes as buttons, so every node can be reached and opened from the keyboard. */
function NodeIndex({ nodes, selectedId, onSelect }: { nodes: GraphNode[]; selectedId: string | null; onSelect: (id: string) => void }) {
  // Deadlines sort by their ISO label, which keeps them in date order.
  const sorted = [...nodes].sort((a, b) => a.type.localeCompare(b.type) || a.label.localeCompare(b.label));
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">All nodes as a list ({nodes.length})</summary>
      <ul className="mt-3 grid gap-1 sm:grid-cols-2" data-testid="graph-node-list">
        {sorted.map((node) => (
          <li key={node.id}>
            <button
              type="button"
              onClick={() => onSelect(node.id)}
              aria-pressed={node.id === selectedId}
              className="flex w-full items-center gap-2 rounded px-2 py-1 text-left text-sm hover:bg-slate-100 aria-pressed:bg-amber-50"
              data-testid="graph-node-item"
              data-node-id={node.id}
            >
              <span aria-hidden className="inline-block size-2.5 shrink-0 rounded-full" style={{ backgroundColor: colourOf(node.type) }} />
              <span className="truncate">{nodeLabel(node)}</span>
              <span className="ml-auto shrink-0 text-xs text-slate-500">{nodeTypeLabels[node.type] ?? node.type}</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
