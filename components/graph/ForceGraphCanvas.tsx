'use client';

import ForceGraph2D, { type ForceGraphMethods, type ForceGraphProps, type LinkObject, type NodeObject } from 'react-force-graph-2d';
import type { MutableRefObject } from 'react';

/** A node as the canvas draws it: the API's fields and what drawing needs, worked out once per graph. */
export type CanvasNode = NodeObject<{
  id: string;
  type: string;
  label: string;
  /** The label as drawn beside the node, shortened. */
  text: string;
  /** The node's type and full name, with its client's when several clients are shown, as the pointer's tooltip shows them. */
  tooltip: string;
  /** Radius in graph units. */
  radius: number;
  /** The library's size value: the radius squared, with `nodeRelSize` 1, so arrows and zoom-to-fit use the drawn radius. */
  val: number;
  colour: string;
  /** Ring colour of a debt from its priority; null for other nodes. */
  ring: string | null;
  /** Links of the node that the view leaves out, which expanding the node shows. */
  hiddenLinks: number;
  /** One of the most connected nodes, labelled at any zoom. */
  hub: boolean;
}>;

export type CanvasLink = LinkObject<
  CanvasNode,
  {
    type: string;
    /** Width in screen pixels, from the amount on a log scale. */
    width: number;
    colour: string;
    dashed: boolean;
    tooltip: string;
  }
>;
export type CanvasMethods = ForceGraphMethods<CanvasNode, CanvasLink>;
export type ForceGraphCanvasProps = ForceGraphProps<CanvasNode, CanvasLink> & { graphRef?: MutableRefObject<CanvasMethods | undefined> };

/**
 * Renders the force-graph library itself. The library reads `window` when its module loads, so this
 * file is imported only through the next/dynamic wrapper in ForceGraph.tsx.
 */
export default function ForceGraphCanvas({ graphRef, ...props }: ForceGraphCanvasProps) {
  return <ForceGraph2D ref={graphRef} {...props} />;
}
