/** A calendar date found on a page, before its label is attached. */
export type DateMatch = { value: string; raw: string; index: number };

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;

/** 12 October 2026, 12 Oct 2026, 1st September 2026, 3rd of March, 2026. */
const WRITTEN = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+${MONTH}\.?,?\s+(\d{4})\b`, 'gi');
/** October 12, 2026 */
const WRITTEN_MONTH_FIRST = new RegExp(String.raw`\b${MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'gi');
/**
 * 12/10/2026, 12.10.2026, 12-10-2026 and 12/10/26. Two-digit years only with slashes, because
 * "20-58-16" is a sort code.
 */
const NUMERIC = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-])|(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{2})(?![\d/])/g;
const ISO = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g;

/** Finds calendar dates on one page and returns them as ISO dates; impossible dates are skipped. */
export function findDates(text: string): DateMatch[] {
  const found: DateMatch[] = [];
  const add = (index: number, raw: string, year: number, month: number, day: number) => {
    const value = isoDate(year, month, day);
    if (value) found.push({ value, raw, index });
  };

  for (const match of text.matchAll(WRITTEN)) add(match.index!, match[0], Number(match[3]), monthNumber(match[2]), Number(match[1]));
  for (const match of text.matchAll(WRITTEN_MONTH_FIRST)) add(match.index!, match[0], Number(match[3]), monthNumber(match[1]), Number(match[2]));
  for (const match of text.matchAll(NUMERIC)) {
    if (match[1]) add(match.index!, match[0], Number(match[4]), Number(match[3]), Number(match[1]));
    else add(match.index!, match[0], 2000 + Number(match[7]), Number(match[6]), Number(match[5]));
  }
  for (const match of text.matchAll(ISO)) add(match.index!, match[0], Number(match[1]), Number(match[2]), Number(match[3]));
  return found.sort((a, b) => a.index - b.index);
}

function monthNumber(name: string): number {
  return MONTH_NAMES.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** Returns 'YYYY-MM-DD', or null when the day does not exist (31/02/2026). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Adds days to an ISO date. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
