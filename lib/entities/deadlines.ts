import { figureContext, type FigureContext } from './context';
import { addDays } from './dates';
import { clean, sentenceAround, splitLines, textAfter } from './text';
import type { Deadline, Fact, PageText } from './types';

const DATE_LABEL = /^(?:date(?:\s+of\s+(?:this\s+)?(?:notice|letter|statement))?|dated|letter\s+date|notice\s+date|statement\s+date|date\s+sent)\s*[:|]?$/i;
/** How many lines from the top of the first page a date printed alone counts as the letter's date. */
const HEADER_LINES = 20;

/**
 * Returns the date a letter was written: a date labelled "Date" or "Date of notice", else a date
 * printed alone in the header, else the first date on the first page that is not a date of birth.
 */
export function findLetterDate(pages: PageText[], facts: Fact[]): string | null {
  const firstPage = pages[0];
  if (!firstPage) return null;
  const dates = facts.filter((fact) => fact.kind === 'date' && fact.pageNumber === firstPage.pageNumber);
  const lines = splitLines(firstPage.text);

  const labelled = dates.find((fact) => fact.label !== undefined && DATE_LABEL.test(fact.label.trim()));
  if (labelled) return labelled.value;

  const alone = dates.find((fact) => {
    const line = lines.findIndex((candidate) => fact.index >= candidate.start && fact.index <= candidate.end);
    const cell = lines[line]?.cells.find((candidate) => fact.index >= candidate.start && fact.index < candidate.end);
    return line < HEADER_LINES && cell !== undefined && cell.text.trim() === fact.raw;
  });
  if (alone) return alone.value;

  return dates.find((fact) => !/birth/i.test(fact.label ?? ''))?.value ?? null;
}

/** Words just before a date (or its row and column labels) that make it a deadline. */
const DEADLINE_CUE = /\b(?:by|before|until|no\s+later\s+than|within\b[^.]{0,40}|from|starting|start(?:s|ing)?\s+on|due(?:\s+by|\s+on|\s+date)?|deadline|hearing|expires?(?:\s+on)?|latest|effect\s+from|after)\s*[:|]?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?$/i;
const LABEL_CUE = /\b(?:by|due|deadline|hearing|expires?|from|until|before)\b/i;
const WITHIN_DAYS = /\bwithin\s+(\d{1,3}|seven|fourteen|twenty[- ]one|twenty[- ]eight|thirty)\s+days?\s+of\s+(?:the\s+date\s+of\s+)?(?:this|the|our)\s+(?:letter|notice|statement)\b/gi;
const NUMBER_WORDS: Record<string, number> = { seven: 7, fourteen: 14, 'twenty one': 21, 'twenty-one': 21, 'twenty eight': 28, 'twenty-eight': 28, thirty: 30 };

/**
 * Finds the deadlines in a letter: dates after the letter's date that follow "by", "before",
 * "from", "within …" or sit under "Hearing" or "Pay by", and "within N days of this letter" with no
 * date printed, counted from the letter's date.
 */
export function findDeadlines(pages: PageText[], facts: Fact[], letterDate: string | null): Deadline[] {
  const deadlines = new Map<string, string>();

  for (const page of pages) {
    const lines = splitLines(page.text);
    const sentences = joinBrokenSentences(page.text);
    for (const fact of facts.filter((candidate) => candidate.kind === 'date' && candidate.pageNumber === page.pageNumber)) {
      if (letterDate && fact.value <= letterDate) continue;
      const context = figureContext(page.text, lines, fact.index, fact.index + fact.raw.length, (words) => LABEL_CUE.test(words));
      if (!isDeadline(context)) continue;
      if (!deadlines.has(fact.value)) deadlines.set(fact.value, describe(sentences, fact.index, fact.index + fact.raw.length));
    }

    if (!letterDate) continue;
    for (const match of page.text.matchAll(WITHIN_DAYS)) {
      const end = match.index! + match[0].length;
      // A date printed in the same sentence is the deadline itself, found above.
      if (facts.some((fact) => fact.kind === 'date' && fact.pageNumber === page.pageNumber && fact.index > end && fact.index - end < textAfter(page.text, end, 120).length + 2)) continue;
      const days = Number(match[1]) || NUMBER_WORDS[match[1].toLowerCase()];
      const date = addDays(letterDate, days);
      if (!deadlines.has(date)) deadlines.set(date, describe(sentences, match.index!, end));
    }
  }
  return [...deadlines].map(([date, what]) => ({ date, what })).sort((a, b) => a.date.localeCompare(b.date));
}

/** A payment schedule's row marked "not yet due" lists a plan, not a payment the letter requests by that date. */
const SCHEDULED = /\bnot\s+yet\s+due\b/i;

function isDeadline(context: FigureContext): boolean {
  if (SCHEDULED.test(context.row)) return false;
  return DEADLINE_CUE.test(context.before) || LABEL_CUE.test(context.rowLabel) || LABEL_CUE.test(context.columnHeader);
}

/**
 * Returns the page text with a blank line before a lower-case word turned into a line break, because
 * OCR can break a paragraph in mid-sentence. Both are two characters, so positions on the page still hold.
 */
function joinBrokenSentences(text: string): string {
  return text.replace(/\n\n(?=[a-z])/g, '\n ');
}

/** Returns the sentence a deadline is printed in, shortened to a line for the advisor. */
function describe(text: string, start: number, end: number): string {
  const sentence = clean(sentenceAround(text, start, end).replace(/\|/g, ' '));
  return sentence.length > 200 ? `${sentence.slice(0, 197)}…` : sentence;
}

/**
 * Returns the date the amount was worked out at. That is the date of assignment for a "balance
 * assigned". Otherwise it is a date printed beside the amount ("Total account balance at 03/08/2026")
 * or, failing that, a date the letter gives for its balance ("Your latest bill on …"). Dates after
 * the letter's date are skipped, and the letter's date is the last resort.
 */
export function findAsOfDate(context: FigureContext, facts: Fact[], letterDate: string | null): string | null {
  const nearby = `${context.before} ${context.rowLabel} ${context.row}`;
  // "Balance assigned" on a notice of assignment is the balance on the day the debt was sold.
  if (/\bassigned\b/i.test(`${context.before} ${context.rowLabel}`)) {
    const assignment = facts.find((fact) => fact.kind === 'date' && /\bassignment\b/i.test(fact.label ?? '') && (!letterDate || fact.value <= letterDate));
    if (assignment) return assignment.value;
  }
  const printed = facts.find((fact) => fact.kind === 'date' && nearby.includes(fact.raw) && (!letterDate || fact.value <= letterDate));
  if (printed) return printed.value;
  // Elsewhere in the letter: "Your latest bill on 14 September 2026 showed …", "balance as at 3 August 2026".
  const stated = facts.find((fact) => fact.kind === 'date' && BALANCE_DATE_LABEL.test(fact.label ?? '') && (!letterDate || fact.value <= letterDate));
  return stated?.value ?? letterDate;
}

/** Words just before a date that make it the date a balance was worked out at. */
const BALANCE_DATE_LABEL = /\b(?:as at|as of|latest (?:bill|statement)(?: dated| of| on)?)$/i;
