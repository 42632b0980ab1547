import { cellIndexAt, clean, filledCells, isLoneFigure, lineAt, textAfter, textBefore, type Cell, type TextLine } from './text';

/** The words around one figure on a page, found from the markdown's lines and cells. */
export type FigureContext = {
  /** The nearest text cell before the figure in its row, or the label printed above a figure alone on its line. */
  rowLabel: string;
  /** The header cell of the figure's table column. */
  columnHeader: string;
  /** The same sentence before and after the figure. */
  before: string;
  after: string;
  /** The whole row when the figure's line has several cells, for dates printed beside it. */
  row: string;
};

const WRITTEN_DATE = /\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{4}\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/gi;
/** A figure that makes a table row data rather than a header: money, pence or a numeric date. */
const FIGURE = /£\s?\d|\d\.\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/;
/** How far above a figure printed alone to look for the header line of its column. */
const COLUMN_BLOCK_LINES = 12;
/** How far above a figure printed alone to look for a label line ("You owe us" over "£612.48"). */
const LABEL_LINES = 3;

/** Tests whether a cell is only figures (money, dates, weekdays, numbers, percentages), which name nothing. */
export function isFigureOnly(cell: string): boolean {
  return cell.replace(WRITTEN_DATE, '').replace(/[^A-Za-z]/g, '').length < 2;
}

/**
 * Returns the context of the figure printed between `start` and `end` of a page. `isLabel` tests
 * whether a line printed above a lone figure names it, e.g. "You owe us" above "£612.48".
 */
export function figureContext(text: string, lines: TextLine[], start: number, end: number, isLabel: (text: string) => boolean): FigureContext {
  const line = lineAt(lines, start);
  const before = textBefore(text, start);
  const after = textAfter(text, end);
  if (!line) return { rowLabel: '', columnHeader: '', before, after, row: '' };

  const position = lines.indexOf(line);
  const cellIndex = cellIndexAt(line, start);
  const cell = line.cells[cellIndex];
  // A figure inside a sentence is named by its sentence; the row only names a figure that starts its cell.
  const startsCell = cell !== undefined && isFigureOnly(text.slice(cell.start, start));
  let rowLabel = startsCell ? labelInRow(line, cellIndex) : '';
  if (!rowLabel && startsCell && isAlone(line, start, end)) rowLabel = columnBlockHeader(lines, position) || labelAbove(lines, position, isLabel);

  const row = filledCells(line).length > 1 ? clean(line.text.replace(/\|/g, ' ')) : '';
  return { rowLabel, columnHeader: columnHeader(lines, position, cellIndex), before, after, row };
}

/** Returns the short label kept on a fact: the words just before it, else its row label, else its column header. */
export function shortLabel(context: FigureContext): string | undefined {
  const before = isFigureOnly(context.before) ? '' : context.before.split(' ').slice(-6).join(' ');
  const label = before || context.rowLabel || context.columnHeader;
  const trimmed = label.replace(/[:|–-]\s*$/, '').trim();
  return trimmed ? trimmed.slice(0, 80) : undefined;
}

function labelInRow(line: TextLine, cellIndex: number): string {
  for (let index = cellIndex - 1; index >= 0; index--) {
    const cell = line.cells[index].text;
    if (!isFigureOnly(cell)) return clean(cell);
  }
  return '';
}

/** True when the figure is the only thing on its line, give or take a few characters. */
function isAlone(line: TextLine, start: number, end: number): boolean {
  const cells = filledCells(line);
  return cells.length === 1 && cells[0].text.length - (end - start) <= 3;
}

/** Tests whether a line is two or more labels without figures, as printed above columns of values. */
function isHeaderLine(line: TextLine): boolean {
  const cells = filledCells(line);
  return cells.length >= 2 && cells.every((cell) => !/\d/.test(cell.text) && !isFigureOnly(cell.text));
}

/**
 * Side-by-side boxes can reach markdown as a line of their labels ("Overdue now | Total left to pay")
 * followed by each box's figure on its own line, in order. Returns the label of the figure at
 * `position` by counting the lone figures between it and that line.
 */
function columnBlockHeader(lines: TextLine[], position: number): string {
  let figuresBetween = 0;
  for (let index = position - 1; index >= Math.max(0, position - COLUMN_BLOCK_LINES); index--) {
    const cells = filledCells(lines[index]);
    if (cells.length === 0) continue;
    if (!lines[index].isTableRow && isHeaderLine(lines[index])) return clean(cells[figuresBetween]?.text ?? '');
    if (lines[index].isTableRow) return '';
    if (cells.length === 1 && isLoneFigure(cells[0].text)) figuresBetween++;
  }
  return '';
}

/** Returns a label printed on one of the few lines just above a figure printed alone. */
function labelAbove(lines: TextLine[], position: number, isLabel: (text: string) => boolean): string {
  let seen = 0;
  for (let index = position - 1; index >= 0 && seen < LABEL_LINES; index--) {
    const last = filledCells(lines[index]).at(-1);
    if (!last) continue;
    seen++;
    if (isLabel(last.text) && !/\d/.test(last.text)) return clean(last.text);
  }
  return '';
}

/**
 * Returns the header cell of a figure's column when the figure sits in a markdown table: the table's
 * first row, or the line just above the table when the first row already contains figures.
 */
function columnHeader(lines: TextLine[], position: number, cellIndex: number): string {
  const line = lines[position];
  if (!line.isTableRow || cellIndex < 0) return '';
  let first = position;
  while (first > 0 && lines[first - 1].isTableRow) first--;

  let header: TextLine | undefined = lines[first];
  if (header.cells.some((cell) => FIGURE.test(cell.text))) {
    header = [lines[first - 1], lines[first - 2]].find((candidate) => candidate && filledCells(candidate).length > 0);
    if (!header || !isHeaderLine(header)) return '';
  }
  if (header === line) return '';
  const cells: Cell[] = header.isTableRow ? header.cells : filledCells(header);
  if (cells.length !== line.cells.length) return '';
  const cell = cells[cellIndex]?.text ?? '';
  return isFigureOnly(cell) ? '' : clean(cell);
}
