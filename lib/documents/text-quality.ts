/**
 * Scores the text layer of a PDF page. A text layer can exist and still be useless: fonts without a
 * Unicode map give control characters, shifted letters or bare symbols ("3HQČåQt…", '"7+%-'), and
 * such a page must be read from its picture instead.
 */
export type TextVerdict = 'usable' | 'empty' | 'junk';
export type TextQuality = { verdict: TextVerdict; reason?: string };

/** Fewer letters and digits than this is no text at all: a stray page number or bullet. */
const MIN_ALPHANUMERIC = 3;
/** Share of control, private-use or replacement characters above which the font had no Unicode map. */
const MAX_UNMAPPED_SHARE = 0.03;
/** Share of letters and digits below which the page is symbols, not words. */
const MIN_ALPHANUMERIC_SHARE = 0.5;
/** Share of words with impossible shapes ("HQČåQt", "þWHFK") above which the text is garbage. */
const MAX_MISSHAPEN_WORD_SHARE = 0.25;
const MIN_WORDS_FOR_SHAPE = 3;
/**
 * Vowels are at least 0.3 of the Latin letters on every sample page (English, Dutch, forms and
 * statements). Text from a font whose codes are offset from Unicode has far fewer: 0.16 for an English
 * letter shifted by 29 codes, as the codes of subset fonts without a Unicode map often are.
 */
const MIN_VOWEL_SHARE = 0.2;
const MIN_LETTERS_FOR_VOWELS = 20;

const EMPTY: TextQuality = { verdict: 'empty', reason: 'the page has no text layer' };

/** Judges whether a page's text layer can be used as it is, or the page must be read from its picture. */
export function assessTextLayer(text: string): TextQuality {
  const visible = stripLeaders(text).replace(/\s+/g, '');
  const characters = [...visible].length;
  if (characters === 0) return EMPTY;

  const unmapped = count(visible, /[\p{Cc}\p{Co}\p{Cs}\uFFFD]/gu);
  if (unmapped / characters > MAX_UNMAPPED_SHARE) {
    return { verdict: 'junk', reason: 'the text layer has unmapped characters (a font without a Unicode map)' };
  }
  const alphanumeric = count(visible, /[\p{L}\p{N}]/gu);
  if (characters >= MIN_ALPHANUMERIC && alphanumeric / characters < MIN_ALPHANUMERIC_SHARE) {
    return { verdict: 'junk', reason: 'the text layer is mostly symbols (a font without a Unicode map)' };
  }
  if (alphanumeric < MIN_ALPHANUMERIC) return EMPTY;

  const words = wordsOf(text);
  const misshapen = words.filter(isMisshapen).length;
  if (words.length >= MIN_WORDS_FOR_SHAPE && misshapen / words.length > MAX_MISSHAPEN_WORD_SHARE) {
    return { verdict: 'junk', reason: 'the text layer has garbled words' };
  }

  const latinLetters = text.normalize('NFD').match(/\p{Script=Latin}/gu) ?? [];
  const vowels = latinLetters.filter((letter) => /[aeiouy]/i.test(letter)).length;
  if (latinLetters.length >= MIN_LETTERS_FOR_VOWELS && vowels / latinLetters.length < MIN_VOWEL_SHARE) {
    return { verdict: 'junk', reason: 'the text layer has garbled letters (a font with shifted character codes)' };
  }

  return { verdict: 'usable' };
}

/** Removes dot and underscore leaders (". . . . 25", "_____") so that contents pages and forms are not scored as symbols. */
function stripLeaders(text: string): string {
  return text.replace(/([.\-_·…])(?:\s*\1){2,}/gu, ' ');
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Splits text into words with at least one letter, without surrounding punctuation. Control characters also split words. */
function wordsOf(text: string): string[] {
  return text
    .split(/[\s\p{Cc}]+/u)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => /\p{L}/u.test(word));
}

/**
 * Checks for a word shape that printed text never has: a lower-case letter followed by a capital
 * (except name shapes such as "McKenzie" or "PayPal"), a stray symbol inside, or letters of two scripts.
 */
function isMisshapen(word: string): boolean {
  if (/\p{Ll}\p{Lu}/u.test(word) && !/^(\p{Lu}?\p{Ll}+)(\p{Lu}\p{Ll}+)+$/u.test(word)) return true;
  if (/[~\\^|{}<>`]/.test(word)) return true;
  const scripts = new Set([...word].filter((char) => /\p{L}/u.test(char)).map(scriptOf));
  return scripts.size > 1;
}

function scriptOf(letter: string): string {
  if (/\p{Script=Latin}/u.test(letter)) return 'Latin';
  if (/\p{Script=Greek}/u.test(letter)) return 'Greek';
  if (/\p{Script=Cyrillic}/u.test(letter)) return 'Cyrillic';
  return 'other';
}
