import { findAmounts } from './amounts';
import { figureContext, shortLabel } from './context';
import { findDates } from './dates';
import { findPostcodes } from './postcodes';
import { findReferences } from './references';
import { splitLines } from './text';
import type { Fact, PageText } from './types';

/** Words that name a sum of money when printed on the line above it ("You owe us" over "£612.48"). */
export const MONEY_WORDS = /\b(?:owe|owed|owing|balance|total|amount|pay|paid|payment|arrears|due|debt|overdue|back|charge|fee|cost)\b/i;
const DATE_WORDS = /\b(?:date|due|by|on|from|until|hearing|issued|paid|period)\b/i;

/** Finds every amount, date, reference and postcode on the pages; each fact keeps its page and offset. */
export function extractFacts(pages: PageText[]): Fact[] {
  return pages.flatMap((page) => pageFacts(page));
}

function pageFacts(page: PageText): Fact[] {
  const { text, pageNumber } = page;
  const lines = splitLines(text);
  const label = (index: number, raw: string, isLabel: (words: string) => boolean) =>
    shortLabel(figureContext(text, lines, index, index + raw.length, isLabel));

  const amounts = findAmounts(text, lines).map((match): Fact => ({ kind: 'amount', ...match, pageNumber, label: label(match.index, match.raw, (words) => MONEY_WORDS.test(words)) }));
  const dates = findDates(text).map((match): Fact => ({ kind: 'date', ...match, pageNumber, label: label(match.index, match.raw, (words) => DATE_WORDS.test(words)) }));
  const references = findReferences(text, lines).map((match): Fact => ({ kind: 'reference', value: match.value, raw: match.raw, index: match.index, pageNumber, ...(match.label ? { label: match.label } : {}) }));
  const postcodes = findPostcodes(text).map((match): Fact => ({ kind: 'postcode', ...match, pageNumber }));

  const dateSpans = dates.map((date) => [date.index, date.index + date.raw.length]);
  const outsideDates = (fact: Fact) => !dateSpans.some(([from, to]) => fact.index < to && fact.index + fact.raw.length > from);
  return [...amounts.filter(outsideDates), ...dates, ...references.filter(outsideDates), ...postcodes].sort((a, b) => a.index - b.index);
}
