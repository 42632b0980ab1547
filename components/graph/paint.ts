/**
 * Draws the graph's nodes and labels on the library's canvas after its links. Nodes of one colour
 * are filled as one path, so a frame makes a few dozen canvas calls instead of one per node. These
 * functions run every frame: drawing nodes allocates nothing per node, and placing a label allocates
 * only the few boxes it tries.
 */
import { boxCoversCircle, boxesOverlap, isDetailType, labelOffered, labelPlaces, type Box } from '@/lib/client/graph-view';
import type { CanvasData } from './canvasData';
import type { CanvasNode } from './ForceGraphCanvas';

const FULL_CIRCLE = 2 * Math.PI;
/** Most labels drawn in one frame, so zooming into a dense graph stays smooth. */
const MAX_LABELS_PER_FRAME = 300;
/**
 * Up to this many nodes, a label is also kept off other nodes' dots. Each label is checked against
 * every node, so larger graphs check labels against each other only.
 */
const DOT_CHECK_MAX_NODES = 1_000;
const LABEL_FONT_PX = 12;
/** Space kept between a label and its node, and around each label, in screen pixels. */
const LABEL_GAP_PX = 2;

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

/**
 * The nodes whose dots a label must not cover: all, only clients, creditors, debts and claims (so
 * those labels take precedence over documents and deadlines), or none.
 */
type Dots = 'all' | 'key' | 'none';

function inBounds(box: Box): boolean {
  return box.left >= bounds.left && box.right <= bounds.right && box.top >= bounds.top && box.bottom <= bounds.bottom;
}

/** The selected and hovered nodes, and the ids of their neighbours, whose labels are always offered. */
export type LabelFocus = { selected: CanvasNode | undefined; hovered: CanvasNode | undefined; near: Set<string> };

/** Label widths in screen pixels at the label font, measured once per node. */
const labelWidths = new WeakMap<CanvasNode, number>();

function labelWidthPx(context: CanvasRenderingContext2D, node: CanvasNode, scale: number): number {
  let width = labelWidths.get(node);
  if (width === undefined) {
    // The font is set in graph units (12 px divided by the zoom), so the measure is scaled back to pixels.
    width = context.measureText(node.text).width * scale;
    labelWidths.set(node, width);
  }
  return width;
}

/** Places and draws labels; one per frame, because it keeps the boxes placed so far. */
class LabelPainter {
  private readonly placed: Box[] = [];
  private readonly drawn: [CanvasNode, Box][] = [];

  constructor(
    private readonly context: CanvasRenderingContext2D,
    private readonly data: CanvasData,
    private readonly scale: number,
  ) {}

  get full(): boolean {
    return this.placed.length >= MAX_LABELS_PER_FRAME;
  }

  /**
   * Finds a free place for a node's label on screen: one that covers no label placed before and
   * no node `dots` names. With `always`, a label that finds none goes on screen anyway.
   */
  place(node: CanvasNode, { dots, always }: { dots: Dots; always: boolean }): Box | null {
    if (node.x === undefined || node.y === undefined || !onScreen(node, node.radius)) return null;
    const width = labelWidthPx(this.context, node, this.scale) / this.scale;
    const height = (LABEL_FONT_PX + 2) / this.scale;
    const places = labelPlaces({ x: node.x, y: node.y, radius: node.radius }, width, height, LABEL_GAP_PX / this.scale).filter(inBounds);
    const free = places.find((box) => !this.coversLabel(box) && !this.coversNode(box, node, dots));
    const box = free ?? (always ? (places[0] ?? null) : null);
    if (box) this.placed.push(box);
    return box;
  }

  /** Places a label and queues it for drawing. */
  add(node: CanvasNode, options: { dots: Dots; always: boolean }) {
    const box = this.place(node, options);
    if (box) this.drawn.push([node, box]);
  }

  draw() {
    for (const [node, box] of this.drawn) drawLabel(this.context, node, box, this.scale);
  }

  private coversLabel(box: Box): boolean {
    const margin = LABEL_GAP_PX / this.scale;
    const padded = { left: box.left - margin, top: box.top - margin, right: box.right + margin, bottom: box.bottom + margin };
    return this.placed.some((other) => boxesOverlap(padded, other));
  }

  private coversNode(box: Box, own: CanvasNode, dots: Dots): boolean {
    if (dots === 'none') return false;
    for (const node of this.data.nodes) {
      if (node === own || node.x === undefined || node.y === undefined) continue;
      if (dots === 'key' && isDetailType(node.type)) continue;
      if (boxCoversCircle(box, node.x, node.y, node.radius)) return true;
    }
    return false;
  }
}

function drawLabel(context: CanvasRenderingContext2D, node: CanvasNode, box: Box, scale: number) {
  const top = box.top + 1 / scale;
  context.strokeText(node.text, box.left, top);
  context.fillText(node.text, box.left, top);
}

/**
 * Draws labels beside their nodes, after every node so none is covered. The selected and hovered
 * nodes are always labelled, and drawn last so they stay on top. Other labels are offered by
 * labelOffered: clients, hubs and the focus's neighbours at any zoom, creditors and debts of a small
 * graph, and every node from `detailScale`. An offered label goes below, above, right or left of its
 * node, at the first place that stays on screen and covers no other label. In graphs small enough to
 * check, the place must cover no other node either. A label with no such place is left out. Labels
 * of creditors, debts and claims may cover documents and deadlines, and client labels any node, so
 * those are named first. The font is divided by the zoom to stay 12 px on screen.
 */
export function paintLabels(context: CanvasRenderingContext2D, data: CanvasData, scale: number, focus: LabelFocus, detailScale: number) {
  context.font = `${LABEL_FONT_PX / scale}px ui-sans-serif, system-ui, sans-serif`;
  context.textAlign = 'left';
  context.textBaseline = 'top';
  context.lineWidth = 3 / scale;
  context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  context.fillStyle = '#0f172a';

  const painter = new LabelPainter(context, data, scale);
  const { selected, hovered } = focus;
  const checkDots = data.nodes.length <= DOT_CHECK_MAX_NODES;
  const dotsFor = (node: CanvasNode): Dots => (!checkDots || node.type === 'Client' ? 'none' : isDetailType(node.type) ? 'all' : 'key');
  const selectedBox = selected ? painter.place(selected, { dots: dotsFor(selected), always: true }) : null;
  const hoveredBox = hovered && hovered !== selected ? painter.place(hovered, { dots: dotsFor(hovered), always: true }) : null;

  for (const node of data.labelOrder) {
    if (painter.full) break;
    if (node === selected || node === hovered) continue;
    if (!labelOffered(node, { scale, detailScale, nodeCount: data.nodes.length, nearFocus: focus.near.has(node.id) })) continue;
    painter.add(node, { dots: dotsFor(node), always: false });
  }
  painter.draw();

  if (hovered && hoveredBox) drawLabel(context, hovered, hoveredBox, scale);
  if (selected && selectedBox) {
    context.font = `600 ${LABEL_FONT_PX / scale}px ui-sans-serif, system-ui, sans-serif`;
    drawLabel(context, selected, selectedBox, scale);
  }
}

/** Paints the area where the pointer hits a node: its dot and a little margin. */
export function paintPointerArea(node: CanvasNode, colour: string, context: CanvasRenderingContext2D) {
  context.fillStyle = colour;
  context.beginPath();
  context.arc(node.x ?? 0, node.y ?? 0, node.radius + 2, 0, FULL_CIRCLE);
  context.fill();
}
