/**
 * Figures in advisor notes that a client letter must keep: sums of money, dates and periods such as
 * "30 days". Each figure is
 * compared by value, so "£1,820" in the notes is kept by "£1,820.00" in the letter and "14 Dec" by
 * "14 December".
 */
export type Figure = { kind: 'money' | 'date' | 'duration'; raw: string; key: string };

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthPattern = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const moneyRegex = /£\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?!\d)/g;
const dayMonthRegex = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${monthPattern}\\b\\.?(?:\\s+(\\d{4}))?`, 'gi');
const monthDayRegex = new RegExp(`\\b${monthPattern}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?`, 'gi');
const numericDateRegex = /\b(\d{1,2})\/(\d{1,2})\/(\d{2,4})\b/g;
const durationRegex = /\b(\d+)[\s-]+(day|week|month|year)s?\b/gi;

function moneyKey(pounds: string, pence: string | undefined): string {
  const whole = Number(pounds.replace(/,/g, ''));
  const fraction = pence ? Number(pence.padEnd(2, '0')) : 0;
  return `money:${whole * 100 + fraction}`;
}

function monthIndex(name: string): number {
  return months.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** Finds every sum of money, date and period in a text. */
export function findFigures(text: string): Figure[] {
  const figures: Figure[] = [];
  for (const match of text.matchAll(moneyRegex)) {
    figures.push({ kind: 'money', raw: match[0], key: moneyKey(match[1], match[2]) });
  }
  for (const match of text.matchAll(dayMonthRegex)) {
    figures.push({ kind: 'date', raw: match[0].trim().replace(/\.$/, ''), key: `date:${monthIndex(match[2])}-${Number(match[1])}` });
  }
  for (const match of text.matchAll(monthDayRegex)) {
    figures.push({ kind: 'date', raw: match[0].trim(), key: `date:${monthIndex(match[1])}-${Number(match[2])}` });
  }
  for (const match of text.matchAll(durationRegex)) {
    figures.push({ kind: 'duration', raw: match[0], key: `duration:${Number(match[1])}-${match[2].toLowerCase()}` });
  }
  for (const match of text.matchAll(numericDateRegex)) {
    figures.push({ kind: 'date', raw: match[0], key: `date:${Number(match[2])}-${Number(match[1])}` });
  }
  return figures;
}

/** Returns the figures of `source` that `text` does not contain, each listed once as written in `source`. */
function figuresNotIn(source: string, text: string): string[] {
  const present = new Set(findFigures(text).map((figure) => figure.key));
  const missing = new Map<string, string>();
  for (const figure of findFigures(source)) {
    if (!present.has(figure.key) && !missing.has(figure.key)) missing.set(figure.key, figure.raw);
  }
  return [...missing.values()];
}

/** Returns the sums of money and dates in `text` that appear nowhere in `sources`: figures a model made up. */
export function unsupportedFigures(text: string, sources: string[]): string[] {
  return figuresNotIn(text, sources.join('\n')).filter((figure) => !/^\d+[\s-]+(day|week|month|year)s?$/i.test(figure));
}

/** Returns the figures of the notes that the letter does not contain, each listed once as written in the notes. */
export function missingFigures(notes: string, letter: string): string[] {
  return figuresNotIn(notes, letter);
}
