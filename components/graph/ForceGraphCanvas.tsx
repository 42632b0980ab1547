'use client';

import ForceGraph2D, { type ForceGraphMethods, type ForceGraphProps, type LinkObject, type NodeObject } from 'react-force-graph-2d';
import type { MutableRefObject } from 'react';

export type CanvasNode = NodeObject<{ id: string; label: string; type: string }>;
export type CanvasLink = LinkObject<CanvasNode, { type: string }>;
export type CanvasMethods = ForceGraphMethods<CanvasNode, CanvasLink>;
export type ForceGraphCanvasProps = ForceGraphProps<CanvasNode, CanvasLink> & { graphRef?: MutableRefObject<CanvasMethods | undefined> };

/**
 * Renders the force-graph library itself. The library reads `window` when its module loads, so this
 * file is imported only through the next/dynamic wrapper in ForceGraph.tsx.
 */
export default function ForceGraphCanvas({ graphRef, ...props }: ForceGraphCanvasProps) {
  return <ForceGraph2D ref={graphRef} {...props} />;
}
