import { getChunksInScope, searchChunks, type ChunkWithDocument } from '../db/queries/chunks';
import type { Db } from '../db/client';
import { AppError } from '../errors';
import type { EmbeddingModel } from '../llm/types';
import { moduleLogger } from '../log';
import type { ChromaVectorStore, CollectionScope } from '../vectors/chroma';
import { reciprocalRankFusion } from './fusion';

const log = moduleLogger('rag.retrieve');

/** Candidates taken from each ranking before fusion. */
const CANDIDATES = 20;

export type Retrieval = {
  passages: ChunkWithDocument[];
  /** Which rankings contributed: vector search, full-text search or both. */
  methods: ('vector' | 'full-text')[];
  warnings: string[];
};

const stopWords = new Set(
  'a an and are as at be by can did do does for from has have how i if in is it its me my of on or our should so that the their them there they this to was we what when where which who why will with you your'.split(' '),
);

/**
 * Short words and the phrases they stand for in debt advice. Advisors ask about "bailiffs" where the
 * manuals and letters write "enforcement agents", and the other way round.
 */
const sameMeaning: [string, string[]][] = [
  ['bailiff', ['enforcement', 'agent']],
  ['ccj', ['county', 'court', 'judgment']],
  ['dro', ['debt', 'relief', 'order']],
  ['iva', ['individual', 'voluntary', 'arrangement']],
  ['dmp', ['debt', 'management', 'plan']],
  ['uc', ['universal', 'credit']],
];

/**
 * Returns the search terms of a question for a tsquery: its distinct words (letters and digits only,
 * so they are safe there), and for a short word in `sameMeaning` its phrase, or for the phrase its word.
 */
export function queryWords(question: string): string[] {
  const words = question
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !stopWords.has(word));
  const singular = new Set(words.map((word) => word.replace(/s$/, '')));
  const related = sameMeaning.flatMap(([word, phrase]) => {
    if (singular.has(word)) return [phrase.join(' <-> ')];
    return phrase.every((part) => singular.has(part)) ? [word] : [];
  });
  return [...new Set([...words, ...related])].slice(0, 32);
}

/**
 * Finds the passages that best match a question inside one scope. Vector search (when the embedding
 * server answers) and full-text search in the records database are fused by reciprocal rank; either
 * alone still answers. Every candidate is re-read from the records database with the scope in the
 * query, so a chunk of another client can never come back even if a vector index held one.
 */
export async function retrievePassages(
  deps: { db: Db; vectors: ChromaVectorStore; embedding: EmbeddingModel },
  scope: CollectionScope,
  question: string,
  options: { limit: number; signal?: AbortSignal },
): Promise<Retrieval> {
  const warnings: string[] = [];
  const methods: Retrieval['methods'] = [];
  const rankings: string[][] = [];

  try {
    const query = await deps.embedding.embed([question], 'query', { signal: options.signal });
    // Documents embedded by another embedder (say, before a switch from Ollama to llama.cpp) are in
    // that embedder's collection. Full-text search finds them until the backfill sweep adds them here.
    const matches = await deps.vectors.query(scope, query.vectors[0], CANDIDATES, query.embedder);
    rankings.push(matches.map((match) => match.id));
    methods.push('vector');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    log.warn({ code: error.code, scope: scope.scope }, 'vector search skipped');
    warnings.push('Semantic search was not available, so only keyword search was used. The Status page shows which model server is down.');
  }

  const fullText = await searchChunks(deps.db, { scope, words: queryWords(question), limit: CANDIDATES });
  rankings.push(fullText.map((chunk) => chunk.id));
  methods.push('full-text');

  const fused = reciprocalRankFusion(rankings);
  const rows = await getChunksInScope(deps.db, { scope, ids: fused.slice(0, CANDIDATES * 2) });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const passages = fused.map((id) => byId.get(id)).filter((row): row is ChunkWithDocument => row !== undefined);
  return { passages: passages.slice(0, options.limit), methods, warnings };
}
