/** A UK postcode found on a page. */
export type PostcodeMatch = { value: string; raw: string; index: number };

/**
 * UK postcodes by format only: an outward code (A9, A99, A9A, AA9, AA99, AA9A), an optional
 * space, and an inward code of a digit and two letters. No list of real areas is used, so
 * well-formed but unissued postcodes (QV7 3CK) are found too.
 */
const POSTCODE = /(?<![A-Za-z0-9])([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})(?![A-Za-z0-9])/g;

export function findPostcodes(text: string): PostcodeMatch[] {
  return [...text.matchAll(POSTCODE)].map((match) => ({ value: `${match[1]} ${match[2]}`, raw: match[0], index: match.index! }));
}
