import { findOrganisations } from './creditors';
import { findDates } from './dates';
import { findPostcodes } from './postcodes';
import type { PageText } from './types';

const FIRST_PAGE = /\bpage\s+1\s+of\s+\d+\b/i;
const LATER_PAGE = /\bpage\s+(?:[2-9]|\d{2,})\s+of\s+\d+\b/i;
const LAST_PAGE = /\bpage\s+(\d+)\s+of\s+\1\b/i;
const SALUTATION = /^\s*(?:dear|hi|hello)\s+\S/im;
/** Non-empty lines at the top of a page that hold a letter's header: sender, address, date. */
const HEADER_LINES = 20;
/** A page scoring this much looks like the first page of a letter (see `firstPageScore`). */
const NEW_LETTER_SCORE = 3;

/**
 * Splits a PDF into the letters it holds: clients staple letters together and offices scan them as
 * one file. Each page after the first is scored for looking like a first page, and starts a new
 * letter when the score reaches NEW_LETTER_SCORE.
 */
export function splitIntoLetters(pages: PageText[]): PageText[][] {
  const letters: PageText[][] = [];
  let current: PageText[] = [];
  let currentSenders = new Set<string>();

  for (const page of pages) {
    const senders = headerOrganisations(page);
    const previous = current.at(-1);
    if (previous && firstPageScore(page, senders, currentSenders) + (LAST_PAGE.test(previous.text) ? 1 : 0) >= NEW_LETTER_SCORE) {
      letters.push(current);
      current = [];
      currentSenders = new Set();
    }
    current.push(page);
    if (currentSenders.size === 0) currentSenders = senders;
  }
  if (current.length > 0) letters.push(current);
  return letters;
}

/**
 * Scores how much a page looks like a letter's first page. "Page 1 of N" adds 3 and "Page 2 of N"
 * takes 3 away. A salutation adds 2, and a date and a postcode in the header add 1 each. A sender in
 * the header adds 1, or takes 1 away when the letter so far had the same sender.
 */
function firstPageScore(page: PageText, senders: Set<string>, currentSenders: Set<string>): number {
  const header = headerText(page);
  let score = 0;
  if (FIRST_PAGE.test(page.text)) score += 3;
  if (LATER_PAGE.test(page.text)) score -= 3;
  if (SALUTATION.test(page.text)) score += 2;
  if (findDates(header).length > 0) score += 1;
  if (findPostcodes(header).length > 0) score += 1;
  if (senders.size > 0) score += [...senders].some((key) => currentSenders.has(key)) ? -1 : 1;
  return score;
}

function headerText(page: PageText): string {
  return page.text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, HEADER_LINES)
    .join('\n');
}

function headerOrganisations(page: PageText): Set<string> {
  return new Set(findOrganisations([{ pageNumber: page.pageNumber, text: headerText(page) }]).map((mention) => mention.key));
}
