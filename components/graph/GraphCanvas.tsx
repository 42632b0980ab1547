'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { GraphView } from '@/lib/client/graph-view';
import type { GraphNodeType } from '@/lib/client/types';
import { toCanvasData, type Position } from './canvasData';
import { ForceGraph } from './ForceGraph';
import type { CanvasLink, CanvasMethods, CanvasNode } from './ForceGraphCanvas';
import { nodeTypeLabels, UNCLASSIFIED_DASH } from './nodeStyles';
import { paintLabels, paintNodes, paintPointerArea } from './paint';

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
  /** Changes when the base graph changes (filters, cap or focus), which zooms to fit again once the layout settles. */
  fitKey: string;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  /** Toolbar content beside the zoom button. */
  toolbar?: ReactNode;
};

/** Draws the view as a force-directed graph, with a zoom-to-fit button and the layout state in `data-layout`. */
export function GraphCanvas({ view, fitKey, selectedId, onSelect, toolbar }: GraphCanvasProps) {
  const { ref: container, width } = useElementWidth<HTMLDivElement>();
  const graphRef = useRef<CanvasMethods | undefined>(undefined);
  const fittedKey = useRef<string | null>(null);
  const [settled, setSettled] = useState(false);

  // New canvas data for each view, starting from the positions the library wrote into the previous
  // data's nodes. The layout starts again whenever the library gets new data.
  const [drawn, setDrawn] = useState(() => ({ view, data: toCanvasData(view, new Map()) }));
  if (drawn.view !== view) {
    setDrawn({ view, data: toCanvasData(view, positionsOf(drawn.data.nodes)) });
    setSettled(false);
  }
  const { data } = drawn;
  const selected = useMemo(() => data.nodes.find((node) => node.id === selectedId), [data, selectedId]);
  const engine = engineSettings(data.nodes.length);
  const linkHover = data.links.length <= LINK_HOVER_MAX_LINKS;

  // The zoom of the frame being drawn, which the link accessors read; the library passes it to onRenderFramePre before it draws the links.
  const zoom = useRef(1);
  const manyLinks = data.links.length > THICK_MAX_LINKS;

  const zoomToFit = useCallback(() => graphRef.current?.zoomToFit(FIT_DURATION_MS, FIT_PADDING_PX), []);

  const onEngineStop = useCallback(() => {
    setSettled(true);
    if (fittedKey.current === fitKey) return;
    fittedKey.current = fitKey;
    zoomToFit();
  }, [fitKey, zoomToFit]);

  const onRenderFramePre = useCallback((_context: CanvasRenderingContext2D, scale: number) => {
    zoom.current = scale;
  }, []);

  const onRenderFramePost = useCallback(
    (context: CanvasRenderingContext2D, scale: number) => {
      paintNodes(context, data, scale, selected);
      paintLabels(context, data, scale, selected);
    },
    [data, selected],
  );

  // The selected node's links are drawn wider. As the accessor changes with the selection, the
  // library also redraws a graph whose layout has stopped.
  const linkWidth = useCallback(
    (link: CanvasLink) => {
      if (selectedId && (endId(link.source) === selectedId || endId(link.target) === selectedId)) return link.width + 1.5;
      return manyLinks && zoom.current < 1 ? Math.min(1, link.width) : link.width;
    },
    [selectedId, manyLinks],
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
      <div ref={container} style={{ minHeight: CANVAS_HEIGHT }} className="relative overflow-hidden" data-testid="graph-canvas" data-layout={settled ? 'settled' : 'running'} data-node-count={data.nodes.length}>
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
  return `${nodeTypeLabels[node.type as GraphNodeType] ?? node.type}: ${node.text}`;
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
