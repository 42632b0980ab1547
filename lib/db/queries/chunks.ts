import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { chunks, documents } from '../schema';
import type { CollectionScope } from '../../vectors/chroma';

export type ChunkRecord = Omit<typeof chunks.$inferSelect, 'tsv' | 'embeddedBy'>;
export type ChunkWithDocument = ChunkRecord & { documentName: string };

export async function saveChunks(db: Db, rows: Omit<ChunkRecord, 'embedded'>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(chunks).values(rows);
}

/** Records that the chunks are in the embedder's collection. */
export async function markChunksEmbedded(db: Db, { ids, embedder }: { ids: string[]; embedder: string }): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(chunks)
    .set({ embedded: true, embeddedBy: sql`CASE WHEN ${embedder} = ANY(${chunks.embeddedBy}) THEN ${chunks.embeddedBy} ELSE array_append(${chunks.embeddedBy}, ${embedder}::text) END` })
    .where(inArray(chunks.id, ids));
}

/** Builds the condition for chunks that still need an embedding: none yet, or none from `embedder` when one is given. */
export function needsEmbedding(embedder: string | null) {
  return embedder ? sql`(${chunks.embedded} = false OR NOT (${embedder}::text = ANY(${chunks.embeddedBy})))` : eq(chunks.embedded, false);
}

export async function deleteChunks(db: Db, { documentId }: { documentId: string }): Promise<void> {
  await db.delete(chunks).where(eq(chunks.documentId, documentId));
}

/** The condition that keeps every chunk query inside one scope: one client's chunks, or the knowledge base. */
function scopeCondition(scope: CollectionScope) {
  return scope.scope === 'client'
    ? and(eq(chunks.scope, 'client'), eq(chunks.clientId, scope.clientId))
    : and(eq(chunks.scope, 'knowledge'), isNull(chunks.clientId));
}

const chunkColumns = {
  id: chunks.id,
  documentId: chunks.documentId,
  scope: chunks.scope,
  clientId: chunks.clientId,
  pageNumber: chunks.pageNumber,
  chunkIndex: chunks.chunkIndex,
  text: chunks.text,
  embedded: chunks.embedded,
  documentName: documents.filename,
};

/** Returns the chunks with these ids that belong to the scope; ids from another scope are dropped. */
export async function getChunksInScope(db: Db, { scope, ids }: { scope: CollectionScope; ids: string[] }): Promise<ChunkWithDocument[]> {
  if (ids.length === 0) return [];
  return db
    .select(chunkColumns)
    .from(chunks)
    .innerJoin(documents, eq(documents.id, chunks.documentId))
    .where(and(scopeCondition(scope), inArray(chunks.id, ids)));
}

/** Chunks matching any query word that are scored; enough to rank well without reading a whole scope. */
const FULL_TEXT_CANDIDATES = 200;

/**
 * Full-text search inside one scope. Any query word may match (OR), so a question worded differently
 * from the text still finds passages. Candidates are ranked by the BM25 inverse document frequency of
 * the words they contain, so a rare word such as "midway" outweighs one on every page such as
 * "breathing"; ts_rank_cd breaks ties. Document frequencies are counted among the candidates, an
 * estimate that is exact when fewer chunks than the candidate limit match.
 */
export async function searchChunks(db: Db, { scope, words, limit }: { scope: CollectionScope; words: string[]; limit: number }): Promise<ChunkWithDocument[]> {
  if (words.length === 0) return [];
  const query = sql`to_tsquery('english', ${words.join(' | ')})`;
  const hits = sql.join(
    words.map((word) => sql`(${chunks.tsv} @@ to_tsquery('english', ${word}))::int`),
    sql`, `,
  );
  const [candidates, [{ total }]] = await Promise.all([
    db
      .select({ ...chunkColumns, rank: sql<number>`ts_rank_cd(${chunks.tsv}, ${query})`, hits: sql<number[]>`array[${hits}]` })
      .from(chunks)
      .innerJoin(documents, eq(documents.id, chunks.documentId))
      .where(and(scopeCondition(scope), sql`${chunks.tsv} @@ ${query}`))
      .orderBy(sql`ts_rank_cd(${chunks.tsv}, ${query}) desc`)
      .limit(FULL_TEXT_CANDIDATES),
    db.select({ total: sql<number>`count(*)::int` }).from(chunks).where(scopeCondition(scope)),
  ]);

  const documentFrequency = words.map((_, index) => candidates.reduce((sum, candidate) => sum + candidate.hits[index], 0));
  const idf = documentFrequency.map((frequency) => Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5)));
  const scored = candidates.map(({ rank, hits: matched, ...chunk }) => ({
    chunk,
    score: matched.reduce((sum, hit, index) => sum + hit * idf[index], 0),
    rank,
  }));
  scored.sort((a, b) => b.score - a.score || b.rank - a.rank);
  return scored.slice(0, limit).map((entry) => entry.chunk);
}

/** Returns chunks of a document that have no embedding yet, or none from `embedder`, for embedding later. */
export async function listUnembeddedChunks(db: Db, { documentId, embedder = null }: { documentId: string; embedder?: string | null }): Promise<ChunkRecord[]> {
  return db
    .select({ id: chunks.id, documentId: chunks.documentId, scope: chunks.scope, clientId: chunks.clientId, pageNumber: chunks.pageNumber, chunkIndex: chunks.chunkIndex, text: chunks.text, embedded: chunks.embedded })
    .from(chunks)
    .where(and(eq(chunks.documentId, documentId), needsEmbedding(embedder)));
}
