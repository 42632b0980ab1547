import { filledCells, isLoneFigure, type Cell, type TextLine } from './text';

/** A reference number found on a page; `label` is the label printed with it, or a name for its shape. */
export type ReferenceMatch = { value: string; raw: string; index: number; label?: string };

/**
 * Labels printed before account and reference numbers, most specific first. `rank` orders them as
 * the debt's account reference: 0 is the creditor's account number, 3 a last resort, and null marks
 * numbers that never identify the debt (sort codes, card numbers, National Insurance numbers).
 */
export const referenceLabels: { pattern: string; label: string; rank: number | null }[] = [
  // `label` names the kind for numbers found by shape alone; labelled numbers keep their printed label.
  { pattern: 'original account (?:number|no\\.?|reference|ref)', label: 'Original account number', rank: 3 },
  { pattern: '(?:customer |mortgage |loan |card )?account (?:reference|ref\\.?|number|no\\.?)', label: 'Account number', rank: 0 },
  { pattern: 'rent account', label: 'Rent account', rank: 0 },
  { pattern: 'current account', label: 'Current account', rank: 0 },
  { pattern: 'council tax (?:reference|ref\\.?|account)', label: 'Council tax reference', rank: 1 },
  { pattern: 'customer (?:number|reference|ref\\.?|no\\.?)', label: 'Customer number', rank: 1 },
  { pattern: 'agreement (?:number|no\\.?|reference|ref\\.?)', label: 'Agreement number', rank: 1 },
  { pattern: 'loan (?:reference|ref\\.?|number|no\\.?)', label: 'Loan reference', rank: 1 },
  { pattern: 'debt (?:reference|ref\\.?|number)', label: 'Debt reference', rank: 1 },
  { pattern: '(?:policy|licence|membership|mortgage|roll) (?:number|no\\.?)', label: 'Policy number', rank: 1 },
  { pattern: '(?:council|creditor|client|clients?\'?) (?:reference|ref\\.?)', label: 'Client reference', rank: 1 },
  { pattern: 'reference (?:number|no\\.?)', label: 'Reference number', rank: 1 },
  { pattern: '(?:our|your) (?:reference|ref\\.?)', label: 'Our reference', rank: 2 },
  { pattern: '(?:case|tenancy|invoice|bill|payment|court) (?:reference|ref\\.?|number|no\\.?)', label: 'Reference', rank: 2 },
  { pattern: 'claim (?:number|no\\.?)', label: 'Claim number', rank: 3 },
  { pattern: 'reference|ref\\.?', label: 'Reference', rank: 2 },
  { pattern: '(?:reference to )?quot(?:e|ing)(?: (?:the|your|our))?(?: (?:reference|ref\\.?))?', label: 'Reference to quote', rank: 0 },
  { pattern: 'bank account(?: (?:number|no\\.?))?', label: 'Bank account', rank: null },
  { pattern: 'sort code', label: 'Sort code', rank: null },
  { pattern: 'card (?:number|no\\.?)', label: 'Card number', rank: null },
  { pattern: '(?:national insurance|ni) (?:number|no\\.?)', label: 'National Insurance number', rank: null },
  { pattern: 'account', label: 'Account', rank: 3 },
];

const LABEL = new RegExp(
  String.raw`\b(${referenceLabels.map((entry) => `(${entry.pattern})`).join('|')})\b(?:\s*\([^)]{0,30}\))?\s*[:#|.]?\s*(?:\|\s*)?`,
  'gi',
);
const WHOLE_LABEL = new RegExp(String.raw`^(?:${referenceLabels.map((entry) => entry.pattern).join('|')})\s*:?$`, 'i');

/** National Insurance numbers: two letters, three pairs of digits, a letter (QQ 12 34 56 C). */
const NI_NUMBER = /\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;
const SORT_CODE = /\bsort code[\s:|]*(\d{2}-\s?\d{2}-\s?\d{2})\b/gi;
/** Card and account numbers printed in groups of four, masked or not: 6120 4418 7305, **** **** **** 0638. */
const DIGIT_GROUPS = /(?<![\d*X])(?:(?:\d{4}|\*{4}|X{4})[ -]){2,3}\d{4}(?![\d-])/g;
/**
 * Reference numbers made of letter codes and a long number joined by hyphens, such as QE-30418857 or
 * OVF-L-5582047. Letters print them beside a label, but OCR can lose the label on a scan, so the
 * shape alone is enough. In the sample letters nothing else is written this way.
 */
const CODED_REFERENCE = /(?<![\w-])[A-Z]{1,4}(?:-[A-Z]{1,4})*-\d{5,12}(?![\w-])/g;
/** County court claim numbers: eight letters and digits with both kinds, e.g. K4QX9V27. */
const CLAIM_NUMBER = /\bclaim(?: (?:number|no\.?))?[\s:|]*([A-Z0-9]{8})\b/gi;

/** Finds reference numbers on one page: after labels, under table headers, and by shape. */
export function findReferences(text: string, lines: TextLine[]): ReferenceMatch[] {
  const found = new Map<number, ReferenceMatch>();
  const add = (match: ReferenceMatch) => {
    if (![...found.values()].some((other) => overlaps(other, match))) found.set(match.index, match);
  };

  for (const line of lines) for (const match of labelledOnLine(text, line)) add(match);
  for (const match of labelledBelow(text, lines)) add(match);
  for (const match of text.matchAll(SORT_CODE)) add({ value: match[1].replace(/\s/g, ''), raw: match[1], index: match.index! + match[0].indexOf(match[1]), label: 'Sort code' });
  for (const match of text.matchAll(CLAIM_NUMBER)) {
    if (/\d/.test(match[1]) && /[A-Z]/i.test(match[1])) add(reference(match[1], match.index! + match[0].lastIndexOf(match[1]), 'Claim number'));
  }
  for (const match of text.matchAll(NI_NUMBER)) add(reference(match[0], match.index!, 'National Insurance number'));
  for (const match of text.matchAll(DIGIT_GROUPS)) {
    if (!match[0].startsWith('0')) add(reference(match[0], match.index!, match[0].includes('*') || match[0].includes('X') ? 'Card number' : undefined));
  }
  for (const match of text.matchAll(CODED_REFERENCE)) add(reference(match[0], match.index!));
  return [...found.values()].sort((a, b) => a.index - b.index);
}

/** Returns the rank of a printed label as the debt's account reference (see `referenceLabels`). */
export function referenceRank(label: string | undefined): number | null {
  if (!label) return 3;
  const entry = labelEntry(label);
  return entry ? entry.rank : 3;
}

function reference(raw: string, index: number, label?: string): ReferenceMatch {
  return { value: raw.replace(/\s+/g, '').toUpperCase(), raw, index, label };
}

function overlaps(a: ReferenceMatch, b: ReferenceMatch): boolean {
  return a.index < b.index + b.raw.length && b.index < a.index + a.raw.length;
}

/** Labels followed on the same line by their value: "Account reference 40118823", "Our ref: AT/OVF/88213/KJ". */
function labelledOnLine(text: string, line: TextLine): ReferenceMatch[] {
  const found: ReferenceMatch[] = [];
  const lineText = text.slice(line.start, line.end);
  for (const match of lineText.matchAll(LABEL)) {
    const entry = referenceLabels.find((_, position) => match[position + 2] !== undefined)!;
    if (entry.label === 'Sort code') continue;
    const valueStart = match.index! + match[0].length;
    const raw = readValue(lineText.slice(valueStart));
    if (raw) found.push(reference(raw, line.start + valueStart, foundLabel(entry.label, match[1], afterSortCode(lineText, match.index!))));
  }
  return found;
}

/**
 * Returns the label kept with a reference: as printed, except for "quoting", which an advisor would not
 * read as a label, and a bare "account" printed with a sort code, which is the payee's bank account.
 */
function foundLabel(kind: string, printed: string, isAfterSortCode: boolean): string {
  if (kind === 'Reference to quote') return kind;
  if (kind === 'Account' && isAfterSortCode) return 'Bank account';
  return printedLabel(printed);
}

/** "sort code 30-99-88, account 41526630": an account printed with a sort code is a bank account for payments. */
function afterSortCode(lineText: string, labelIndex: number): boolean {
  return /\bsort code\b[\s:|]*[\d-]{6,9}[,;]?\s*(?:and\s+)?$/i.test(lineText.slice(Math.max(0, labelIndex - 40), labelIndex));
}

/**
 * Labels printed alone, with the value on a later line: "Account number" and "QE-30418857" as
 * separate blocks, a table header over its column, or a line of labels over one value line each.
 */
function labelledBelow(text: string, lines: TextLine[]): ReferenceMatch[] {
  const found: ReferenceMatch[] = [];
  lines.forEach((line, position) => {
    const filled = filledCells(line);
    filled.forEach((cell, filledIndex) => {
      if (!WHOLE_LABEL.test(cell.text)) return;
      const entry = labelEntry(cell.text);
      if (!entry || entry.rank === null) return;
      const value = valueBelow(lines, position, line.cells.indexOf(cell), filledIndex);
      if (value) found.push(reference(value.text, value.start, printedLabel(cell.text)));
    });
  });
  return found;
}

function valueBelow(lines: TextLine[], position: number, cellIndex: number, filledIndex: number): Cell | undefined {
  const line = lines[position];
  const below = lines.slice(position + 1).filter((candidate) => filledCells(candidate).length > 0);

  if (line.isTableRow) {
    return below
      .slice(0, 3)
      .filter((row) => row.isTableRow && row.cells.length === line.cells.length)
      .map((row) => row.cells[cellIndex])
      .find((cell) => cell && isWholeReference(cell.text));
  }
  if (filledCells(line).length > 1) {
    const loneFigures = below.slice(0, 12).filter((row) => !row.isTableRow && filledCells(row).length === 1 && isLoneFigure(filledCells(row)[0].text));
    const cell = loneFigures[filledIndex] ? filledCells(loneFigures[filledIndex])[0] : undefined;
    return cell && isWholeReference(cell.text) ? cell : undefined;
  }
  return below
    .slice(0, 3)
    .flatMap((row) => filledCells(row))
    .find((cell) => isWholeReference(cell.text));
}

function labelEntry(label: string): (typeof referenceLabels)[number] | undefined {
  return referenceLabels.find((entry) => new RegExp(`^(?:${entry.pattern})\\s*:?$`, 'i').test(label.trim()));
}

/** Returns the label as printed without its colon, with capitals lowered so "ACCOUNT NO" reads "Account no". */
function printedLabel(label: string): string {
  const trimmed = label.trim().replace(/\s*:$/, '');
  return trimmed === trimmed.toUpperCase() ? trimmed.charAt(0) + trimmed.slice(1).toLowerCase() : trimmed;
}

/** Tests whether a cell is one reference number and nothing else. */
function isWholeReference(text: string): boolean {
  return readValue(text) === text.trim() && !/^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/.test(text.trim());
}

/**
 * Reads a reference from the start of `rest`: a first token with a digit (or a short prefix of
 * capitals followed by digits), then further groups of digits or capitals, as in "PF 3381 7720 19".
 * Returns null when what follows is a word, a date or a sum of money.
 */
function readValue(rest: string): string | null {
  const accepted: string[] = [];
  for (const token of rest.split(' ')) {
    const word = token.replace(/[,.;:)·]+$/, '');
    const valid = accepted.length === 0 ? /^[A-Z0-9][A-Z0-9/.\-]*$/.test(word) : /^(?:\d{1,8}|[A-Z]{1,4})$/.test(word);
    if (!valid) break;
    accepted.push(word);
    if (word !== token) break;
  }
  while (accepted.length > 1 && /^[A-Z]{2,}$/.test(accepted.at(-1)!)) accepted.pop();

  const value = accepted.join(' ');
  const digits = value.replace(/\D/g, '').length;
  if (digits < 3 || value.replace(/\s/g, '').length < 4) return null;
  if (/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/.test(value) || /^\d+\.\d{2}$/.test(value)) return null;
  if (/^[A-Z]+$/.test(accepted[0]) && !/\d/.test(accepted[1] ?? '')) return null;
  return value;
}
