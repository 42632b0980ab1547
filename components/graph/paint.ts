/**
 * Draws the graph's nodes and labels on the library's canvas after its links. Nodes of one colour
 * are filled as one path, so a frame makes a few dozen canvas calls instead of one per node. These
 * functions run every frame: they allocate nothing per node.
 */
import type { CanvasData } from './canvasData';
import type { CanvasNode } from './ForceGraphCanvas';

const FULL_CIRCLE = 2 * Math.PI;
/** Below this many nodes every label is drawn. */
const ALL_LABELS_MAX_NODES = 60;
/** From this zoom (screen pixels per graph unit) the labels of nodes on screen are drawn. */
const LABEL_ZOOM = 1.5;
/** Most labels drawn in one frame, so zooming into a dense graph stays smooth. */
const MAX_LABELS_PER_FRAME = 300;
const LABEL_FONT_PX = 12;

/** The part of the graph on screen, in graph units; nodes outside it are skipped. */
type Bounds = { left: number; top: number; right: number; bottom: number };
const bounds: Bounds = { left: 0, top: 0, right: 0, bottom: 0 };

/** Works out the part of the graph on screen from the canvas transform the library set. */
function updateBounds(context: CanvasRenderingContext2D): Bounds {
  const { a, d, e, f } = context.getTransform();
  bounds.left = -e / a;
  bounds.top = -f / d;
  bounds.right = (context.canvas.width - e) / a;
  bounds.bottom = (context.canvas.height - f) / d;
  return bounds;
}

function onScreen(node: CanvasNode, margin: number): boolean {
  const x = node.x;
  const y = node.y;
  if (x === undefined || y === undefined) return false;
  return x + margin >= bounds.left && x - margin <= bounds.right && y + margin >= bounds.top && y - margin <= bounds.bottom;
}

function addCircles(context: CanvasRenderingContext2D, nodes: CanvasNode[], extra: number) {
  for (const node of nodes) {
    if (!onScreen(node, node.radius + extra)) continue;
    const radius = node.radius + extra;
    context.moveTo(node.x! + radius, node.y!);
    context.arc(node.x!, node.y!, radius, 0, FULL_CIRCLE);
  }
}

/**
 * Draws every node: a dot in its type's colour, a ring in its priority's colour for a debt, a thin
 * grey outer ring when some of its links are not shown, and a dark ring around the selected node.
 */
export function paintNodes(context: CanvasRenderingContext2D, data: CanvasData, scale: number, selected: CanvasNode | undefined) {
  updateBounds(context);

  // A ring is a larger disc under the node's own, because filling is cheaper than stroking on the canvas.
  for (const [colour, nodes] of data.byRing) {
    context.beginPath();
    addCircles(context, nodes, 1.5 / scale);
    context.fillStyle = colour;
    context.fill();
  }

  for (const [colour, nodes] of data.byColour) {
    context.beginPath();
    addCircles(context, nodes, 0);
    context.fillStyle = colour;
    context.fill();
  }

  // 1 screen pixel wide, which the canvas draws on its fast path for thin lines.
  if (data.withHiddenLinks.length > 0) {
    context.beginPath();
    addCircles(context, data.withHiddenLinks, 3.5 / scale);
    context.lineWidth = 1 / scale;
    context.strokeStyle = '#475569';
    context.stroke();
  }

  if (selected && selected.x !== undefined && selected.y !== undefined) {
    const radius = selected.radius + 5 / scale;
    context.beginPath();
    context.arc(selected.x, selected.y, radius, 0, FULL_CIRCLE);
    context.lineWidth = 5 / scale;
    context.strokeStyle = '#ffffff';
    context.stroke();
    context.lineWidth = 2.5 / scale;
    context.strokeStyle = '#0f172a';
    context.stroke();
  }
}

type Box = { left: number; top: number; right: number; bottom: number };

/** Label widths in screen pixels at the label font, measured once per node. */
const labelWidths = new WeakMap<CanvasNode, number>();

/** Returns the box a node's label covers, in graph units, with the label font already set on the context. */
function labelBox(context: CanvasRenderingContext2D, node: CanvasNode, scale: number): Box {
  let widthPx = labelWidths.get(node);
  if (widthPx === undefined) {
    widthPx = context.measureText(node.text).width * scale;
    labelWidths.set(node, widthPx);
  }
  const half = widthPx / scale / 2;
  const top = node.y! + node.radius + 2 / scale;
  return { left: node.x! - half, right: node.x! + half, top, bottom: top + (LABEL_FONT_PX + 2) / scale };
}

function overlaps(box: Box, placed: Box[]): boolean {
  return placed.some((other) => box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom);
}

function drawLabel(context: CanvasRenderingContext2D, node: CanvasNode, box: Box) {
  context.strokeText(node.text, node.x!, box.top);
  context.fillText(node.text, node.x!, box.top);
}

/**
 * Draws labels under their nodes, after every node so none is covered. A small graph gets every
 * label. A larger one gets those of the hubs and the selected node, and once zoomed in those of the
 * nodes on screen, up to a limit per frame. The font is divided by the zoom to stay 12 px on screen.
 * A label that would overlap one already drawn is left out; the selected node's and the hubs' go first.
 */
export function paintLabels(context: CanvasRenderingContext2D, data: CanvasData, scale: number, selected: CanvasNode | undefined) {
  context.font = `${LABEL_FONT_PX / scale}px ui-sans-serif, system-ui, sans-serif`;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  context.lineWidth = 3 / scale;
  context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  context.fillStyle = '#0f172a';

  const placed: Box[] = [];
  const selectedBox = selected && onScreen(selected, selected.radius) ? labelBox(context, selected, scale) : null;
  if (selectedBox) placed.push(selectedBox);

  const everyNode = data.nodes.length <= ALL_LABELS_MAX_NODES || scale >= LABEL_ZOOM;
  const place = (node: CanvasNode) => {
    if (placed.length >= MAX_LABELS_PER_FRAME || node === selected || !onScreen(node, node.radius)) return;
    const box = labelBox(context, node, scale);
    if (overlaps(box, placed)) return;
    placed.push(box);
    drawLabel(context, node, box);
  };
  for (const node of data.hubs) place(node);
  if (everyNode) for (const node of data.nodes) if (!node.hub) place(node);

  if (selected && selectedBox) {
    context.font = `600 ${LABEL_FONT_PX / scale}px ui-sans-serif, system-ui, sans-serif`;
    drawLabel(context, selected, selectedBox);
  }
}

/** Paints the area where the pointer hits a node: its dot and a little margin. */
export function paintPointerArea(node: CanvasNode, colour: string, context: CanvasRenderingContext2D) {
  context.fillStyle = colour;
  context.beginPath();
  context.arc(node.x ?? 0, node.y ?? 0, node.radius + 2, 0, FULL_CIRCLE);
  context.fill();
}
