'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { detailZoom, type GraphView } from '@/lib/client/graph-view';
import { toCanvasData, type CanvasData, type Position } from './canvasData';
import { ForceGraph } from './ForceGraph';
import type { CanvasLink, CanvasMethods, CanvasNode } from './ForceGraphCanvas';
import { UNCLASSIFIED_DASH } from './nodeStyles';
import { paintLabels, paintNodes, paintPointerArea, type LabelFocus } from './paint';

const CANVAS_HEIGHT = 560;
/** Above this many links, links have no hover tooltip, because painting each one for hit-testing costs more than the tooltips are worth. */
const LINK_HOVER_MAX_LINKS = 2_000;
/** Above this many links, arrowheads are left out; they are drawn one by one. */
const ARROW_MAX_LINKS = 1_000;
/**
 * Above this many links, links are drawn 1 px wide and undashed while zoomed out beyond 1:1, where
 * they crowd anyway. Chromium's canvas draws lines up to 1 device pixel wide on a fast path. With
 * 12,000 links, wider and dashed ones halved the frame rate in bench/graph-fps.ts.
 */
const THICK_MAX_LINKS = 2_000;
const FIT_PADDING_PX = 40;
const FIT_DURATION_MS = 400;
/** Most a zoom to fit enlarges, so a drill-down to three nodes does not fill the canvas with them. */
const MAX_FIT_ZOOM = 4;

/**
 * Returns how long the layout runs, by graph size. Small graphs settle on screen. Large ones run some
 * ticks before the first frame and cool faster, so the simulation stops within a few seconds. After
 * that the canvas redraws only on zoom, pan and hover.
 */
function engineSettings(nodeCount: number) {
  if (nodeCount <= 300) return { warmupTicks: 0, cooldownTicks: 300, d3AlphaDecay: 0.0228 };
  if (nodeCount <= 2_000) return { warmupTicks: 20, cooldownTicks: 150, d3AlphaDecay: 0.04 };
  return { warmupTicks: 30, cooldownTicks: 100, d3AlphaDecay: 0.06 };
}

function positionsOf(nodes: CanvasNode[]): Map<string, Position> {
  const positions = new Map<string, Position>();
  for (const node of nodes) if (node.x !== undefined && node.y !== undefined) positions.set(node.id, { x: node.x, y: node.y });
  return positions;
}

/** Returns the id of a link end, which the library replaces with the node object once it has run. */
function endId(end: CanvasLink['source']): string {
  return typeof end === 'object' && end !== null ? String(end.id) : String(end);
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

type GraphCanvasProps = {
  view: GraphView;
  /** Set when the view may hold several clients' nodes: tooltips name each node's client, and a debt whose client is not drawn is labelled with it. */
  showClients: boolean;
  /**
   * Changes when the nodes asked for change (filters, cap, focus or expanded nodes), which zooms to
   * fit again once the layout settles.
   */
  fitKey: string;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  /** Toolbar content beside the zoom button. */
  toolbar?: ReactNode;
};

/**
 * Draws the view as a force-directed graph, with a zoom-to-fit button. `data-layout` is `settled`
 * once the layout has stopped, and `data-fitted` is true once the view was zoomed to fit after its nodes last changed.
 */
export function GraphCanvas({ view, showClients, fitKey, selectedId, onSelect, toolbar }: GraphCanvasProps) {
  const { ref: container, width } = useElementWidth<HTMLDivElement>();
  const graphRef = useRef<CanvasMethods | undefined>(undefined);
  // The fitKey the view was last zoomed to fit for.
  const [fitted, setFitted] = useState<string | null>(null);
  const [settled, setSettled] = useState(false);
  const [hoveredId, setHoveredId] = useState<string | null>(null);

  // New canvas data for each view, starting from the positions the library wrote into the previous
  // data's nodes. The layout starts again whenever the library gets new data.
  const [drawn, setDrawn] = useState(() => ({ view, showClients, data: toCanvasData(view, new Map(), showClients) }));
  if (drawn.view !== view || drawn.showClients !== showClients) {
    setDrawn({ view, showClients, data: toCanvasData(view, positionsOf(drawn.data.nodes), showClients) });
    setSettled(false);
  }
  const { data } = drawn;
  const focus: LabelFocus = useMemo(() => labelFocus(data, selectedId, hoveredId), [data, selectedId, hoveredId]);
  const engine = engineSettings(data.nodes.length);
  const linkHover = data.links.length <= LINK_HOVER_MAX_LINKS;

  // The zoom of the frame being drawn, which the link accessors read; the library passes it to onRenderFramePre before it draws the links.
  const zoom = useRef(1);
  const manyLinks = data.links.length > THICK_MAX_LINKS;

  // The zoom the view was last fitted at, from which documents' and deadlines' labels are offered once zoomed in further.
  const fittedZoom = useRef<number | null>(null);
  const zoomToFit = useCallback(() => {
    graphRef.current?.zoomToFit(FIT_DURATION_MS, FIT_PADDING_PX);
    // The library animates the zoom, so the zoom it reached is read once the animation has ended.
    window.setTimeout(() => {
      const graph = graphRef.current;
      if (!graph) return;
      if (graph.zoom() > MAX_FIT_ZOOM) graph.zoom(MAX_FIT_ZOOM, FIT_DURATION_MS / 2);
      fittedZoom.current = Math.min(graph.zoom(), MAX_FIT_ZOOM);
    }, FIT_DURATION_MS + 50);
  }, []);

  const onEngineStop = useCallback(() => {
    setSettled(true);
    if (fitted === fitKey) return;
    setFitted(fitKey);
    zoomToFit();
  }, [fitted, fitKey, zoomToFit]);

  const onRenderFramePre = useCallback((_context: CanvasRenderingContext2D, scale: number) => {
    zoom.current = scale;
  }, []);

  const onRenderFramePost = useCallback(
    (context: CanvasRenderingContext2D, scale: number) => {
      paintNodes(context, data, scale, focus.selected);
      paintLabels(context, data, scale, focus, detailZoom(fittedZoom.current));
    },
    [data, focus],
  );

  // The selected and hovered nodes' links are drawn wider. As the accessor changes with them, the
  // library also redraws a graph whose layout has stopped, which shows the hovered node's label.
  const linkWidth = useCallback(
    (link: CanvasLink) => {
      const ends = [endId(link.source), endId(link.target)];
      if (selectedId && ends.includes(selectedId)) return link.width + 1.5;
      if (hoveredId && ends.includes(hoveredId)) return link.width + 1;
      return manyLinks && zoom.current < 1 ? Math.min(1, link.width) : link.width;
    },
    [selectedId, hoveredId, manyLinks],
  );
  const linkDash = useCallback((link: CanvasLink) => (link.dashed && !(manyLinks && zoom.current < 1) ? UNCLASSIFIED_DASH : null), [manyLinks]);

  return (
    <section aria-label="Graph" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2 text-sm text-slate-600">
        <div className="flex flex-wrap items-center gap-2">{toolbar}</div>
        <button type="button" className="rounded px-2 py-0.5 text-teal-800 hover:bg-teal-50" onClick={zoomToFit} data-testid="graph-zoom-fit">
          Zoom to fit
        </button>
      </div>
      <div ref={container} style={{ minHeight: CANVAS_HEIGHT }} className="relative overflow-hidden" data-testid="graph-canvas" data-layout={settled ? 'settled' : 'running'} data-fitted={fitted === fitKey} data-node-count={data.nodes.length}>
        {width > 0 && (
          <ForceGraph
            graphRef={graphRef}
            graphData={data}
            width={width}
            height={CANVAS_HEIGHT}
            backgroundColor="#ffffff"
            nodeRelSize={1}
            nodeLabel={nodeTooltip}
            nodeCanvasObject={skipNode}
            onRenderFramePre={onRenderFramePre}
            onRenderFramePost={onRenderFramePost}
            nodePointerAreaPaint={paintPointerArea}
            linkColor={linkColour}
            linkWidth={linkWidth}
            linkLineDash={linkDash}
            linkLabel={linkTooltip}
            linkPointerAreaPaint={linkHover ? undefined : skipLink}
            linkDirectionalArrowLength={data.links.length <= ARROW_MAX_LINKS ? 3 : 0}
            linkDirectionalArrowRelPos={1}
            warmupTicks={engine.warmupTicks}
            cooldownTicks={engine.cooldownTicks}
            cooldownTime={8_000}
            d3AlphaDecay={engine.d3AlphaDecay}
            onEngineStop={onEngineStop}
            onNodeClick={(node) => onSelect(String(node.id))}
            onNodeHover={(node) => setHoveredId(node ? String(node.id) : null)}
            onBackgroundClick={() => onSelect(null)}
          />
        )}
      </div>
    </section>
  );
}

// Accessors that do not depend on the component's state are module functions, so their identity
// never changes and the library does not reapply them on every render.

function nodeTooltip(node: CanvasNode): string {
  return node.tooltip;
}

/** Finds the selected and hovered nodes in the canvas data, and the ids of their neighbours. */
function labelFocus(data: CanvasData, selectedId: string | null, hoveredId: string | null): LabelFocus {
  const focusIds = [selectedId, hoveredId].filter((id): id is string => id !== null);
  const near = new Set<string>();
  for (const link of data.links) {
    const [source, target] = [endId(link.source), endId(link.target)];
    if (focusIds.includes(source)) near.add(target);
    if (focusIds.includes(target)) near.add(source);
  }
  const find = (id: string | null) => (id === null ? undefined : data.nodes.find((node) => node.id === id));
  return { selected: find(selectedId), hovered: find(hoveredId), near };
}

/** Nodes are drawn in one pass after the links (see paint.ts), so the library's own node drawing does nothing. */
function skipNode() {}

function skipLink() {}

function linkColour(link: CanvasLink): string {
  return link.colour;
}

function linkTooltip(link: CanvasLink): string {
  return link.tooltip;
}
