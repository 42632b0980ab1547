/**
 * Helpers that read page markdown as lines and cells. The rules work on any markdown: a cell is a
 * piece of a line between `|` separators (table rows and side-by-side blocks), a column of a line
 * laid out with runs of spaces, or the whole line.
 */

export type Cell = { text: string; start: number; end: number };
export type TextLine = {
  text: string;
  start: number;
  end: number;
  cells: Cell[];
  /** A markdown table row (`| a | b |`). */
  isTableRow: boolean;
  isHeading: boolean;
};

const DIVIDER = /^\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/;

/** Splits page text into lines with their cells; table dividers (`| --- |`) are left out. */
export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const end = start + raw.length;
    if (!DIVIDER.test(raw.trim())) {
      lines.push({
        text: raw,
        start,
        end,
        cells: splitCells(raw, start),
        isTableRow: raw.trimStart().startsWith('|'),
        isHeading: /^#{1,6}\s/.test(raw),
      });
    }
    start = end + 1;
  }
  return lines;
}

/**
 * Splits one line at unescaped `|`; offsets are page offsets of the trimmed cell text. Empty cells
 * are kept, so a table's columns keep their positions.
 */
function splitCells(line: string, lineStart: number): Cell[] {
  const cells: Cell[] = [];
  const isRow = line.trimStart().startsWith('|');
  let cellStart = 0;
  const push = (from: number, to: number) => {
    const slice = line.slice(from, to);
    const trimmed = slice.trim();
    const text = trimmed.replace(/^#{1,6}\s+/, '');
    const start = lineStart + from + (slice.length - slice.trimStart().length) + (trimmed.length - text.length);
    cells.push({ text, start, end: start + text.length });
  };
  for (let index = 0; index < line.length; index++) {
    if (line[index] === '|' && line[index - 1] !== '\\') {
      push(cellStart, index);
      cellStart = index + 1;
    }
  }
  if (cellStart === 0) {
    // Without pipes, text laid out in columns separates them by runs of spaces, as `pdftotext -layout` prints.
    for (const gap of line.matchAll(/\S(\s{2,})(?=\S)/g)) {
      const gapStart = gap.index! + 1;
      push(cellStart, gapStart);
      cellStart = gapStart + gap[1].length;
    }
  }
  push(cellStart, line.length);
  // The pipes that open and close a table row leave an empty first and last cell.
  if (isRow) {
    if (cells[0]?.text === '') cells.shift();
    if (line.trimEnd().endsWith('|') && cells.at(-1)?.text === '') cells.pop();
  }
  return line.trim() === '' ? [] : cells;
}

/** Returns the cells of a line that contain text. */
export function filledCells(line: TextLine): Cell[] {
  return line.cells.filter((cell) => cell.text !== '');
}

const MONTH_NAMES = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/gi;

/** Tests whether a line or cell is one figure alone: a sum, a date or a reference number, without words. */
export function isLoneFigure(text: string): boolean {
  const withoutMonths = text.replace(MONTH_NAMES, '');
  return text.length <= 40 && /\d/.test(text) && !/[a-z]{3,}/.test(withoutMonths);
}

/** Returns the line containing a page offset. */
export function lineAt(lines: TextLine[], index: number): TextLine | undefined {
  return lines.find((line) => index >= line.start && index <= line.end);
}

/** Returns the position of the cell containing a page offset within its line. */
export function cellIndexAt(line: TextLine, index: number): number {
  return line.cells.findIndex((cell) => index >= cell.start && index < cell.end);
}

/**
 * Returns the text of the same sentence before `index`, at most `limit` characters, stopping at a
 * blank line, a cell separator, a heading or the end of the previous sentence.
 */
export function textBefore(text: string, index: number, limit = 80): string {
  const from = Math.max(0, index - limit);
  let chunk = text.slice(from, index);
  // Drop a word cut in two by the limit.
  if (from > 0 && /\w/.test(text[from - 1]) && /^\w/.test(chunk)) chunk = chunk.replace(/^\w+/, '');
  // A line that ends in a figure is another item of a list, not the start of this sentence.
  const listItem = chunk.search(/\d\)?\s*\n[^\n]*$/);
  const boundaries = [chunk.lastIndexOf('\n\n'), chunk.lastIndexOf('|'), chunk.lastIndexOf('\n#'), listItem >= 0 ? chunk.lastIndexOf('\n') : -1];
  // A stop with a sum straight after it on its line ends an abbreviation or an OCR speck, not a
  // sentence: "Total account balance at 03/08/2026 CT. £1,126.35".
  const sentenceEnds = [...chunk.matchAll(/[.!?;](?=\s)(?![ \t]+(?:£|$))/g)].map((match) => match.index);
  const cut = Math.max(...boundaries, ...sentenceEnds);
  return clean(chunk.slice(cut + 1));
}

/** Returns the text of the same sentence after `index`, with the same stops as `textBefore`. */
export function textAfter(text: string, index: number, limit = 60): string {
  const chunk = text.slice(index, index + limit);
  // A next line that starts with a capital or a figure is a new item, not the rest of this sentence.
  const stops = [chunk.indexOf('\n\n'), chunk.indexOf('|'), chunk.indexOf('\n#'), chunk.search(/[.!?;](?=\s|$)/), chunk.search(/\n\s*[A-Z0-9£]/)].filter((position) => position >= 0);
  if (stops.length > 0) return clean(chunk.slice(0, Math.min(...stops)));
  // Drop a word cut in two by the limit.
  const cut = /\w/.test(text[index + limit] ?? '') ? chunk.replace(/\w+$/, '') : chunk;
  return clean(cut);
}

/**
 * Returns the sentence around the text between `start` and `end`, for a deadline's description. A
 * sentence longer than `limit` either side is cut at a whole word and marked with an ellipsis there.
 */
export function sentenceAround(text: string, start: number, end: number, limit = 120): string {
  const before = textBefore(text, start, limit);
  const after = textAfter(text, end, limit);
  const cutBefore = before !== '' && textBefore(text, start, limit * 4).length > before.length;
  const cutAfter = after !== '' && textAfter(text, end, limit * 4).length > after.length;
  const sentence = clean(`${cutBefore ? '…' : ''}${before} ${text.slice(start, end)} ${after}${cutAfter ? '…' : ''}`);
  // The pieces are joined with spaces, which must not stand before punctuation: "by 10 February 2027, no interest".
  return sentence.replace(/\s+([,.;:!?)])/g, '$1').replace(/\(\s+/g, '(');
}

/** Collapses whitespace and strips markdown emphasis and heading marks. */
export function clean(text: string): string {
  return text
    .replace(/[*_`]+/g, '')
    .replace(/^#+\s*/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Returns the text with letter-spaced lines squeezed ("D E F A U L T  N O T I C E" becomes
 * "DEFAULTNOTICE"), so phrases can be matched without their spaces. Other lines are dropped.
 */
export function squeezedLetterSpacing(text: string): string {
  const squeezed: string[] = [];
  for (const line of text.split('\n')) {
    const tokens = line.replace(/[|#·]/g, ' ').trim().split(/\s+/).filter(Boolean);
    const short = tokens.filter((token) => token.length <= 2).length;
    if (tokens.length >= 5 && short / tokens.length >= 0.6) squeezed.push(tokens.join(''));
  }
  return squeezed.join('\n');
}

/** Joins page texts for document-wide matching. */
export function documentText(pages: { text: string }[]): string {
  return pages.map((page) => page.text).join('\n\n');
}
