import type { PdfPageText, PdfTextItem } from './pdf';

type Cell = { text: string; x: number; right: number; fontSize: number };
type Line = { y: number; fontSize: number; cells: Cell[] };
type Gutter = { left: number; right: number };

/**
 * Gap between runs on one line, in multiples of the font size, that separates table columns or
 * side-by-side blocks. Word spaces, even in justified text, stay well under one font size.
 */
const COLUMN_GAP = 1.2;
/** Narrowest empty vertical strip, in multiples of the body font size, that separates columns across lines. */
const GUTTER_WIDTH = 0.9;
/** Vertical distance between baselines, in multiples of the font size, that ends a paragraph. */
const PARAGRAPH_GAP = 1.7;
/** Vertical distance, in multiples of the font size, up to which lines belong to one table or block. */
const REGION_LINE_GAP = 2.6;
/** Vertical distance, in multiples of the font size, below which a line is a wrapped cell of the row above. */
const WRAPPED_CELL_GAP = 1.35;
/** Cells this long are running text: a region with two columns of them is text in columns, not a table. */
const PROSE_CELL_LENGTH = 45;
/** Share of a column's lines starting in lower case (a sentence carried on) that makes it running text. */
const RUNNING_TEXT_SHARE = 0.4;
/** Lines closer than this share of a table's usual row spacing belong to the same row. */
const OFFSET_ROW_SHARE = 0.7;

/**
 * Converts the text layer of one PDF page to markdown. Runs are grouped into lines by baseline and
 * split into cells at wide gaps. Consecutive lines that share an empty vertical strip (a gutter)
 * form a region: a table when most lines fill several columns, otherwise blocks side by side
 * (an address beside a reference box) that are written one after the other. Other lines become
 * paragraphs, and larger type becomes headings.
 */
export function pageTextToMarkdown(page: PdfPageText): string {
  const lines = groupLines(page.items);
  if (lines.length === 0) return '';
  return renderLines(lines, bodyFontSize(lines)).join('\n\n');
}

/** Groups text runs into lines by baseline and splits each line into cells at wide gaps. */
function groupLines(items: PdfTextItem[]): Line[] {
  const runs = items
    .filter((item) => item.str.trim() !== '' && item.fontSize > 0)
    .sort((a, b) => b.y - a.y || a.x - b.x);

  const rows: PdfTextItem[][] = [];
  for (const run of runs) {
    const row = rows.find((candidate) => Math.abs(candidate[0].y - run.y) <= 0.45 * Math.min(candidate[0].fontSize, run.fontSize));
    if (row) row.push(run);
    else rows.push([run]);
  }

  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const fontSize = Math.max(...row.map((run) => run.fontSize));
    const cells: Cell[] = [];
    for (const run of row) {
      const last = cells.at(-1);
      const gap = last ? run.x - last.right : Infinity;
      if (!last || gap > COLUMN_GAP * fontSize) {
        cells.push({ text: run.str.trim(), x: run.x, right: run.x + run.width, fontSize: run.fontSize });
        continue;
      }
      const needsSpace = gap > 0.15 * run.fontSize && !/\s$/.test(last.text) && !/^\s/.test(run.str);
      last.text = (last.text + (needsSpace ? ' ' : '') + run.str).replace(/\s+/g, ' ');
      last.right = Math.max(last.right, run.x + run.width);
      last.fontSize = Math.max(last.fontSize, run.fontSize);
    }
    for (const cell of cells) cell.text = cell.text.trim();
    return { y: row[0].y, fontSize, cells };
  });
}

/** Returns the font size carrying the most characters on the page. */
function bodyFontSize(lines: Line[]): number {
  const weights = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.fontSize * 2) / 2;
    weights.set(size, (weights.get(size) ?? 0) + lineLength(line));
  }
  return [...weights].sort((a, b) => b[1] - a[1])[0][0];
}

/** Renders lines top to bottom as markdown blocks: regions (tables, side-by-side blocks) and plain paragraphs. */
function renderLines(lines: Line[], bodySize: number): string[] {
  const blocks: string[] = [];
  let plain: Line[] = [];

  for (let index = 0; index < lines.length; ) {
    const line = lines[index];
    // A line that carries on a paragraph, such as its short last line, never starts a region, even
    // with a table close below it.
    const carriesOnParagraph = line.cells.length === 1 && plain.length > 0 && continuesLine(plain.at(-1)!, line);
    const end = carriesOnParagraph ? index + 1 : regionEnd(lines, index, bodySize);
    if (end - index >= 2) {
      blocks.push(...renderPlain(plain, bodySize));
      plain = [];
      blocks.push(...renderRegion(lines.slice(index, end), bodySize));
    } else {
      plain.push(line);
    }
    index = end;
  }
  blocks.push(...renderPlain(plain, bodySize));
  return blocks;
}

/**
 * Returns the end (exclusive) of the region starting at `start`: the run of lines, each close below
 * the last, whose cells together leave at least one gutter empty.
 */
function regionEnd(lines: Line[], start: number, bodySize: number): number {
  let end = start + 1;
  while (end < lines.length) {
    const previous = lines[end - 1];
    const next = lines[end];
    // The smaller type sets the limit, so that a heading well below a block does not join it.
    if (previous.y - next.y > REGION_LINE_GAP * Math.min(previous.fontSize, next.fontSize)) break;
    if (findGutters(lines.slice(start, end + 1), bodySize).length === 0) break;
    end += 1;
  }
  return end;
}

/** Returns true when `next` reads as the next line of the paragraph of `line`: same left edge, normal spacing. */
function continuesLine(line: Line, next: Line): boolean {
  const closeBelow = line.y - next.y <= PARAGRAPH_GAP * Math.max(line.fontSize, next.fontSize);
  return closeBelow && Math.abs(line.cells[0].x - next.cells[0].x) < line.fontSize;
}

/** Finds the empty vertical strips, at least GUTTER_WIDTH wide, between the cells of all the lines. */
function findGutters(lines: Line[], bodySize: number): Gutter[] {
  const spans = lines.flatMap((line) => line.cells).sort((a, b) => a.x - b.x);
  const gutters: Gutter[] = [];
  let reach = spans[0].right;
  for (const span of spans.slice(1)) {
    if (span.x - reach >= GUTTER_WIDTH * bodySize) gutters.push({ left: reach, right: span.x });
    reach = Math.max(reach, span.right);
  }
  return gutters;
}

/** Renders a region as a table, or, when its lines do not fill the columns together, as blocks side by side. */
function renderRegion(lines: Line[], bodySize: number): string[] {
  const gutters = findGutters(lines, bodySize);
  const rows = mergeWrappedCells(lines.map((line) => ({ lines: [line], columns: cellsByColumn(line, gutters) })));

  const widest = gutters.reduce((best, gutter) => (gutter.right - gutter.left > best.right - best.left ? gutter : best));
  const widestIndex = gutters.indexOf(widest);
  if (isSideBySide(rows.map((row) => row.columns), widestIndex)) {
    const [left, right] = splitAt(lines, widest);
    return [...renderLines(left, bodySize), ...renderLines(right, bodySize)];
  }
  return [renderTable(mergeOffsetRows(rows).map((row) => row.columns))];
}

/** Places a line's cells in the columns between gutters, joining cells that share a column. */
function cellsByColumn(line: Line, gutters: Gutter[]): string[] {
  const columns: string[] = Array.from({ length: gutters.length + 1 }, () => '');
  for (const cell of line.cells) {
    const column = gutters.filter((gutter) => gutter.right <= cell.x).length;
    columns[column] = joinText(columns[column], cell.text);
  }
  return columns;
}

/** One table row: the lines it was read from, top first, and the text of each column. */
type Row = { lines: Line[]; columns: string[] };

/**
 * Joins a line that carries on a cell of the row above (text wrapped inside a cell) into that row:
 * it sits closer than a row apart and fills one column, not the first, that the row also fills.
 */
function mergeWrappedCells(rows: Row[]): Row[] {
  return mergeRows(rows, (previous, row) => {
    const last = previous.lines.at(-1)!;
    const line = row.lines[0];
    const filled = row.columns.map((text) => text !== '');
    return (
      last.y - line.y < WRAPPED_CELL_GAP * Math.max(last.fontSize, line.fontSize) &&
      !filled[0] &&
      filled.filter(Boolean).length === 1 &&
      filled.every((isFilled, column) => !isFilled || previous.columns[column] !== '') &&
      previous.columns.filter(Boolean).length >= 2
    );
  });
}

/**
 * Joins lines of one table row that do not share a baseline, such as a label wrapped over two lines
 * beside a value centred between them: they sit much closer together than the table's rows do.
 */
function mergeOffsetRows(rows: Row[]): Row[] {
  const gaps = rows.slice(1).map((row, index) => rows[index].lines.at(-1)!.y - row.lines[0].y);
  const rowGap = median(gaps);
  return mergeRows(rows, (previous, row) => {
    const last = previous.lines.at(-1)!;
    const line = row.lines[0];
    const gap = last.y - line.y;
    return gap < OFFSET_ROW_SHARE * rowGap && gap < WRAPPED_CELL_GAP * Math.max(last.fontSize, line.fontSize);
  });
}

function mergeRows(rows: Row[], belongsToPrevious: (previous: Row, row: Row) => boolean): Row[] {
  const merged: Row[] = [];
  for (const row of rows) {
    const previous = merged.at(-1);
    if (previous && belongsToPrevious(previous, row)) {
      previous.lines.push(...row.lines);
      previous.columns = previous.columns.map((text, column) => joinText(text, row.columns[column]));
    } else {
      merged.push({ lines: [...row.lines], columns: [...row.columns] });
    }
  }
  return merged;
}

/**
 * Side-by-side blocks (an address beside a reference box) leave at least as many lines with text on
 * one side of the widest gutter as lines with text on both sides, where a table's rows span it.
 * Text set in columns shows as two or more columns of running text.
 */
function isSideBySide(rows: string[][], widestGutter: number): boolean {
  const oneSided = rows.filter((columns) => {
    const leftFilled = columns.slice(0, widestGutter + 1).some(Boolean);
    const rightFilled = columns.slice(widestGutter + 1).some(Boolean);
    return leftFilled !== rightFilled;
  }).length;
  if (oneSided >= 2 && oneSided >= rows.length - oneSided) return true;

  const columnCount = rows[0].length;
  let proseColumns = 0;
  for (let column = 0; column < columnCount; column++) {
    const cells = rows.map((columns) => columns[column]).filter(Boolean);
    if (isRunningText(cells)) proseColumns += 1;
  }
  return proseColumns >= 2;
}

/** Cells of one column that read as wrapped running text: long lines, or lines that carry on a sentence. */
function isRunningText(cells: string[]): boolean {
  if (cells.length < 3) return false;
  const long = cells.filter((text) => text.length >= PROSE_CELL_LENGTH).length;
  const carriedOn = cells.slice(1).filter((text) => /^\p{Ll}/u.test(text)).length;
  return long * 2 >= cells.length || carriedOn >= RUNNING_TEXT_SHARE * (cells.length - 1);
}

/** Splits each line's cells at a gutter into the lines left of it and the lines right of it. */
function splitAt(lines: Line[], gutter: Gutter): [Line[], Line[]] {
  const left: Line[] = [];
  const right: Line[] = [];
  for (const line of lines) {
    const before = line.cells.filter((cell) => cell.right <= gutter.left);
    const after = line.cells.filter((cell) => cell.x >= gutter.right);
    if (before.length > 0) left.push(lineOf(line.y, before));
    if (after.length > 0) right.push(lineOf(line.y, after));
  }
  return [left, right];
}

function lineOf(y: number, cells: Cell[]): Line {
  return { y, fontSize: Math.max(...cells.map((cell) => cell.fontSize)), cells };
}

/** Renders lines with no shared gutter as paragraphs and headings. A heading wrapped over two lines stays one heading. */
function renderPlain(lines: Line[], bodySize: number): string[] {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push(paragraph.join('\n'));
    paragraph = [];
  };

  lines.forEach((line, index) => {
    const previous = lines[index - 1];
    const closeBelow = previous !== undefined && previous.y - line.y <= PARAGRAPH_GAP * Math.max(previous.fontSize, line.fontSize);
    if (!closeBelow) endParagraph();

    const text = line.cells.map((cell) => cell.text).join(' | ');
    const level = headingLevel(line, bodySize);
    if (level === 0) {
      paragraph.push(text);
      return;
    }
    endParagraph();
    if (closeBelow && headingLevel(previous, bodySize) === level && blocks.at(-1)?.startsWith('#')) {
      blocks[blocks.length - 1] += ` ${text}`;
    } else {
      blocks.push(`${'#'.repeat(level)} ${text}`);
    }
  });
  endParagraph();
  return blocks;
}

function headingLevel(line: Line, bodySize: number): number {
  if (line.cells.length > 1 || lineLength(line) > 100 || !/\p{L}/u.test(line.cells[0].text)) return 0;
  if (line.fontSize >= 1.6 * bodySize) return 1;
  if (line.fontSize >= 1.25 * bodySize) return 2;
  return 0;
}

function joinText(first: string, second: string): string {
  if (!first) return second;
  if (!second) return first;
  return `${first} ${second}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function lineLength(line: Line): number {
  return line.cells.reduce((sum, cell) => sum + cell.text.length, 0);
}

/** Renders rows as a GFM table. The first row becomes the header row because GFM requires one. */
function renderTable(rows: string[][]): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const used = rows[0].map((_, column) => rows.some((columns) => columns[column] !== ''));
  const cells = rows.map((columns) => `| ${columns.filter((_, column) => used[column]).map(escape).join(' | ')} |`);
  const divider = `|${' --- |'.repeat(used.filter(Boolean).length)}`;
  return [cells[0], divider, ...cells.slice(1)].join('\n');
}
