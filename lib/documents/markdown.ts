import type { PdfPageText, PdfTextItem } from './pdf';

type Cell = { text: string; x: number; right: number };
type Line = { y: number; fontSize: number; cells: Cell[] };

/** Gap between runs, in multiples of the font size, that separates table columns or side-by-side blocks. */
const COLUMN_GAP = 2;
/** Vertical distance between baselines, in multiples of the font size, that ends a paragraph. */
const PARAGRAPH_GAP = 1.7;
/** Vertical distance, in multiples of the font size, up to which rows with the same columns form one table. */
const TABLE_ROW_GAP = 2.6;

/**
 * Converts the text layer of one PDF page to markdown. Runs are grouped into lines by baseline,
 * lines into paragraphs by spacing; larger type becomes headings, and consecutive lines with the
 * same number of columns become a table. Reading order is top to bottom, like `pdftotext -layout`.
 */
export function pageTextToMarkdown(page: PdfPageText): string {
  const lines = groupLines(page.items);
  if (lines.length === 0) return '';
  const bodySize = bodyFontSize(lines);
  const blocks: string[] = [];
  let paragraph: string[] = [];

  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push(paragraph.join('\n'));
    paragraph = [];
  };

  for (let index = 0; index < lines.length; ) {
    const table = tableRunAt(lines, index);
    if (table.length >= 2) {
      endParagraph();
      blocks.push(renderTable(table));
      index += table.length;
      continue;
    }

    const line = lines[index];
    const previous = lines[index - 1];
    if (previous && previous.y - line.y > PARAGRAPH_GAP * Math.max(previous.fontSize, line.fontSize)) endParagraph();

    const text = line.cells.map((cell) => cell.text).join(' | ');
    const heading = headingLevel(line, bodySize);
    if (heading > 0) {
      endParagraph();
      blocks.push(`${'#'.repeat(heading)} ${text}`);
    } else {
      paragraph.push(text);
    }
    index += 1;
  }
  endParagraph();
  return blocks.join('\n\n');
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
        cells.push({ text: run.str.trim(), x: run.x, right: run.x + run.width });
        continue;
      }
      const needsSpace = gap > 0.15 * run.fontSize && !/\s$/.test(last.text) && !/^\s/.test(run.str);
      last.text = (last.text + (needsSpace ? ' ' : '') + run.str).replace(/\s+/g, ' ');
      last.right = Math.max(last.right, run.x + run.width);
    }
    for (const cell of cells) cell.text = cell.text.trim();
    return { y: row[0].y, fontSize, cells };
  });
}

/** The font size carrying the most characters on the page. */
function bodyFontSize(lines: Line[]): number {
  const weights = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.fontSize * 2) / 2;
    const chars = line.cells.reduce((sum, cell) => sum + cell.text.length, 0);
    weights.set(size, (weights.get(size) ?? 0) + chars);
  }
  return [...weights].sort((a, b) => b[1] - a[1])[0][0];
}

function headingLevel(line: Line, bodySize: number): number {
  const length = line.cells.reduce((sum, cell) => sum + cell.text.length, 0);
  if (line.cells.length > 1 || length > 100 || !/\p{L}/u.test(line.cells[0].text)) return 0;
  if (line.fontSize >= 1.6 * bodySize) return 1;
  if (line.fontSize >= 1.25 * bodySize) return 2;
  return 0;
}

/** Returns the run of lines starting at `start` that share a column count of two or more. */
function tableRunAt(lines: Line[], start: number): Line[] {
  const first = lines[start];
  if (first.cells.length < 2) return [];
  const run = [first];
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index];
    const previous = run.at(-1)!;
    if (line.cells.length !== first.cells.length) break;
    if (previous.y - line.y > TABLE_ROW_GAP * Math.max(previous.fontSize, line.fontSize)) break;
    run.push(line);
  }
  return run;
}

function renderTable(rows: Line[]): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const cells = rows.map((row) => `| ${row.cells.map((cell) => escape(cell.text)).join(' | ')} |`);
  const divider = `|${' --- |'.repeat(rows[0].cells.length)}`;
  return [cells[0], divider, ...cells.slice(1)].join('\n');
}
