import type { PageText } from './types';

/** Titles printed before a person's name in a letter's address block or greeting. */
const TITLE = String.raw`(?:Mr|Mrs|Ms|Miss|Mx|Dr|MR|MRS|MS|MISS|MX|DR)\.?`;
/** A name after a title: initials and words in capitals or capitalised, up to four of them. */
const NAME = String.raw`(?:[A-Z][A-Za-z'’-]*\.?\s+){0,3}[A-Z][A-Za-z'’-]+`;
/** "Dear Ms Ashdale," and "Dear Mr T Quennell". */
const GREETING = new RegExp(String.raw`\bDear\s+(${TITLE}\s+${NAME})`, 'g');
/** A line or table cell that is only a name with its title, as in an address block: "MRS FARIDA OYELARAN". */
const ADDRESS_NAME = new RegExp(String.raw`^(${TITLE}\s+${NAME})$`);
/** "Hi Corinne," and "Dear Corinne Ashdale,": a greeting by name alone, which only counts with its comma or line end. */
const PLAIN_GREETING = /\b(?:Dear|Hi|Hello)\s+((?:[A-Z][a-z'’-]+\s+){0,2}[A-Z][a-z'’-]+)\s*(?:[,!]|\n|$)/gm;
/** Greetings that name no one: "Dear Sir or Madam", "Dear Customer", "Hello there". */
const NOT_A_NAME = /^(?:Sir|Madam|Customer|Tenant|Resident|Occupier|Borrower|Member|Friend|There|All|Team|Colleague|Account|Homeowner|Applicant|Parent|Guardian|Council|Taxpayer)\b/;
/** How many characters of each page's start hold its address block and greeting. */
const HEADER_CHARACTERS = 1500;

/** Returns the people a document is addressed to, as printed: from greetings and address blocks near the top of its pages. */
export function findAddressees(pages: PageText[]): string[] {
  const names = new Set<string>();
  for (const page of pages) {
    const header = page.text.slice(0, HEADER_CHARACTERS);
    for (const match of header.matchAll(GREETING)) names.add(match[1].replace(/\s+/g, ' ').trim());
    for (const match of header.matchAll(PLAIN_GREETING)) {
      const name = match[1].replace(/\s+/g, ' ');
      if (new RegExp(`^${TITLE}$`).test(name.split(' ')[0]) || NOT_A_NAME.test(name)) continue;
      names.add(fullName(name, header));
    }
    for (const cell of header.split(/\n|\|/)) {
      const match = cell.trim().match(ADDRESS_NAME);
      if (match) names.add(match[1].replace(/\s+/g, ' '));
    }
  }
  return [...names];
}

/**
 * Returns the whole name for a greeting by first name only ("Hi Corinne,"). It comes from an
 * address-block line that starts with that name ("Corinne Ashdale"), else the greeting's name is kept.
 */
function fullName(greeted: string, header: string): string {
  if (greeted.includes(' ')) return greeted;
  const line = header.split('\n').find((candidate) => new RegExp(String.raw`^${greeted}(?:\s+[A-Z][A-Za-z'’-]+){1,2}$`).test(candidate.trim()));
  return line?.trim().replace(/\s+/g, ' ') ?? greeted;
}

/**
 * Returns the names a document is addressed to when none of them shares a surname with the client,
 * and an empty list when one does or when the document names no one. A letter to "Mr T Quennell"
 * filed under Corinne Ashdale is probably another client's.
 */
export function addresseesOtherThan(clientName: string, pages: PageText[]): string[] {
  const addressees = findAddressees(pages);
  if (words(clientName).length === 0) return [];
  return addressees.some((name) => sharesSurname(name, clientName)) ? [] : addressees;
}

/** Tests whether the last word of `name` (its surname) is one of the words of `clientName`, ignoring case and titles. */
export function sharesSurname(name: string, clientName: string): boolean {
  const surname = words(name).at(-1);
  return surname !== undefined && words(clientName).includes(surname);
}

function words(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^\p{L}-]+/u)
    .filter((word) => word.length > 1);
}

const OTHER_ADDRESSEE = /^This document is addressed to (.+?), not to /;

/** Writes the warning kept on a document addressed to someone other than its client. */
export function otherAddresseeWarning(addressee: string, clientName: string): string {
  return `This document is addressed to ${addressee}, not to ${clientName}. Check that it belongs to this client; if it does not, delete it here and upload it to the right client.`;
}

/** Returns the person named in a document's other-addressee warning, or null for any other warning. */
export function addresseeInWarning(warning: string): string | null {
  return OTHER_ADDRESSEE.exec(warning)?.[1] ?? null;
}
