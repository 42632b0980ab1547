/** nomic-embed-text returns 768 dimensions, and the fake returns as many for every embedding model. */
export const EMBEDDING_DIMENSIONS = 768;

/** Task prefixes nomic-embed-text was trained with. The fake records them and leaves them out of the vector. */
const TASK_PREFIXES = ['search_document: ', 'search_query: ', 'clustering: ', 'classification: '];

const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have how i if in into is it its ' +
    'may me my not of on or our should so than that the their them then there these they this to too was we ' +
    'were what when where which who whom why will with would you your'
  ).split(' '),
);

/** Words with optional decimal parts, so "£1,381.63" stays one token: "1,381.63". */
const WORD_PATTERN = /[\p{L}\p{N}]+(?:[.,'’][\p{L}\p{N}]+)*/gu;

/** Adjacent word pairs count for half a word, so word order matters a little. */
const PAIR_WEIGHT = 0.5;

/** Splits a leading task prefix off an embedding input. The prefix is '' when there is none. */
export function splitTaskPrefix(input: string): { prefix: string; text: string } {
  const prefix = TASK_PREFIXES.find((candidate) => input.startsWith(candidate)) ?? '';
  return { prefix, text: input.slice(prefix.length) };
}

/**
 * Strips a possessive or plural ending so "debts", "debt's" and "debt" meet: "parties" → "party",
 * "arrears" → "arrear".
 */
function stem(word: string): string {
  if (/['’]s$/.test(word)) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Lowercased, stemmed content words of a text, without stop words. */
export function contentWords(text: string): string[] {
  const words = text.toLowerCase().match(WORD_PATTERN) ?? [];
  return words.filter((word) => !STOP_WORDS.has(word)).map(stem);
}

/** 32-bit FNV-1a over the UTF-8 bytes of a string. */
function fnv1a(value: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(value, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Adds one feature to the vector by the hashing trick: the hash picks a dimension and a sign. */
function addFeature(vector: number[], feature: string, weight: number): void {
  const hash = fnv1a(feature);
  const sign = hash & 0x80000000 ? -1 : 1;
  vector[hash % EMBEDDING_DIMENSIONS] += sign * weight;
}

/**
 * Embeds a text (without its task prefix) deterministically: each content word and each pair of
 * adjacent content words is hashed into the vector, which is then scaled to length 1. Texts that
 * share words land close together, which is all retrieval tests need.
 */
export function embedText(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  const words = contentWords(text);
  // A text with no content words still gets a unit vector, so cosine distances stay defined.
  if (words.length === 0) addFeature(vector, '<empty>', 1);

  words.forEach((word, index) => {
    addFeature(vector, word, 1);
    if (index > 0) addFeature(vector, `${words[index - 1]} ${word}`, PAIR_WEIGHT);
  });

  return normalise(vector);
}

/** Scales a vector to length 1, as Ollama's /api/embed does. */
export function normalise(vector: number[]): number[] {
  const length = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return length === 0 ? vector : vector.map((value) => value / length);
}

/** Pieces a tokenizer would see: words and single punctuation marks. */
const TOKEN_PATTERN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/**
 * Estimates the token count of a text by counting words and punctuation marks.
 * NOTE: real tokenizers split long and rare words further, so real counts run somewhat higher.
 */
export function estimateTokens(text: string): number {
  return text.match(TOKEN_PATTERN)?.length ?? 0;
}

/** Cuts a text after its first `limit` estimated tokens, as Ollama truncates over-long embedding inputs. */
export function truncateToTokens(text: string, limit: number): string {
  if (limit <= 0) return '';
  let count = 0;
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    count += 1;
    if (count === limit) return text.slice(0, match.index + match[0].length);
  }
  return text;
}
