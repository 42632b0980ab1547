import type { TextLine } from './text';

/** A money figure before its label is attached. */
export type AmountMatch = { value: string; raw: string; index: number };

const DIGITS = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(\.\d{2})?`;
/**
 * £1,234.56, £ 40, -£460.54, (£95.40), GBP 12.00. A sign counts only when it touches the figure,
 * because letters use a spaced dash as punctuation ("LETTER BEFORE CLAIM – £5,412.86").
 */
const POUNDS = new RegExp(String.raw`(?<![\w£])([-−–])?(?:£\s?|GBP\s?)${DIGITS}(?![\d,]*\d)(?!\s?%)`, 'g');
/**
 * £1,12635: OCR lost the decimal point of £1,126.35. After a thousands comma come exactly three
 * digits, so five digits there can only be pounds and pence.
 */
const POUNDS_LOST_POINT = /(?<![\w£])([-−–])?£\s?(\d{1,3}(?:,\d{3})*,\d{3})(\d{2})(?![\d,.])/g;
/** 12.00 GBP */
const POUNDS_AFTER = new RegExp(String.raw`(?<![\w.,£/])([-−–])?${DIGITS}\s?GBP\b`, 'g');
/**
 * A bare figure with pence, as printed in statement and fee tables ("1,847.93" under "Arrears (£)").
 * Dates (12.10.2026), times and percentages are left out by the look-arounds.
 */
const BARE = /(?<![\w.,£/:%-])(-?)(\d{1,3}(?:,\d{3})*|\d+)(\.\d{2})(?![\d.,%/:A-Za-z]|\s?%)/g;
/** Words on a line that make a bare figure a sum of money rather than a quantity. */
const MONEY_LINE = /\(£\)|£|\b(?:balance|arrears|amount|total|owed|owing|due|paid|debit|credit|payment|fee|charge)\b/i;

/** Dollar and euro figures: "$ 42.00", "€12", "12.00 EUR". */
const DOLLARS = /\$\s?\d|\bUSD\s?\d|\d\s?USD\b/;
const EUROS = /€\s?\d|\d\s?€|\bEUR\s?\d|\d\s?EUR\b/;

/** Names the currency of a page whose figures are in dollars or euros and never in pounds, else null. */
export function otherCurrency(text: string): 'US dollars' | 'euros' | null {
  if (/£|\bGBP\b/.test(text)) return null;
  if (DOLLARS.test(text)) return 'US dollars';
  if (EUROS.test(text)) return 'euros';
  return null;
}

/**
 * Finds sums of money on one page. A bare figure counts only in a table row or beside money words.
 * On a page priced in another currency it never counts, because it is dollars, euros or a quantity.
 */
export function findAmounts(text: string, lines: TextLine[]): AmountMatch[] {
  const found: AmountMatch[] = [];
  const matchedSpans: [number, number][] = [];
  const add = (match: RegExpMatchArray, sign: string | undefined, whole: string, pence: string | undefined) => {
    const index = match.index!;
    matchedSpans.push([index, index + match[0].length]);
    found.push({ value: toPounds(sign, whole, pence), raw: match[0].trim(), index });
  };

  for (const match of text.matchAll(POUNDS)) add(match, match[1], match[2], match[3]);
  for (const match of text.matchAll(POUNDS_AFTER)) add(match, match[1], match[2], match[3]);
  for (const match of text.matchAll(POUNDS_LOST_POINT)) add(match, match[1], match[2], `.${match[3]}`);

  if (otherCurrency(text)) return found.sort((a, b) => a.index - b.index);
  for (const match of text.matchAll(BARE)) {
    const index = match.index!;
    if (matchedSpans.some(([from, to]) => index < to && index + match[0].length > from)) continue;
    const line = lines.find((candidate) => index >= candidate.start && index <= candidate.end);
    if (!line || !(line.cells.length > 1 || MONEY_LINE.test(line.text) || moneyHeaderAbove(lines, line))) continue;
    add(match, match[1], match[2], match[3]);
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Statement tables print "(£)" in a header line a few lines above their rows. */
function moneyHeaderAbove(lines: TextLine[], line: TextLine): boolean {
  const position = lines.indexOf(line);
  return lines.slice(Math.max(0, position - 3), position).some((above) => /\(£\)/.test(above.text));
}

function toPounds(sign: string | undefined, whole: string, pence: string | undefined): string {
  const pounds = `${whole.replace(/,/g, '')}.${pence ? pence.slice(1) : '00'}`.replace(/^0+(?=\d)/, '');
  return sign && sign.trim() !== '' ? `-${pounds}` : pounds;
}

/** Returns an amount's size in pence, ignoring its sign, for comparing figures exactly. */
export function penceOf(value: string): number {
  const [pounds, pence = '00'] = value.replace('-', '').split('.');
  return Number(pounds) * 100 + Number(pence.padEnd(2, '0').slice(0, 2));
}

/** Turns a number or string of pounds into the fact format, or null when it is not a sum of money. */
export function normaliseAmount(input: string | number): string | null {
  const text = String(input).replace(/[£,\s]|GBP/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) return null;
  const [pounds, pence = ''] = text.replace('-', '').split('.');
  return `${text.startsWith('-') ? '-' : ''}${Number(pounds)}.${pence.padEnd(2, '0')}`;
}
