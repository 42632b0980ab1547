import { and, eq, sql } from 'drizzle-orm';
import { listUnembeddedChunks, markChunksEmbedded, needsEmbedding } from '../db/queries/chunks';
import { updateDocument } from '../db/queries/documents';
import { chunks, documents } from '../db/schema';
import { AppError } from '../errors';
import { lastEmbedder } from '../llm/last-embedder';
import { moduleLogger } from '../log';
import type { Services } from '../services';
import { scopeOf } from './indexing';

const log = moduleLogger('rag.backfill');

/** The warning a document carries while its chunks are searchable by keywords only; see indexing.ts. */
const NOT_EMBEDDED = /^Not added to semantic search/;
const DOCUMENTS_PER_SWEEP = 20;

/**
 * Embeds the chunks of ready documents that were indexed while the embedding server or Chroma was
 * down, and those missing from the collection of the embedder now in use (after a switch between
 * Ollama and llama.cpp), so they join semantic search. Returns how many documents it completed; it
 * stops quietly at the first document whose embedding fails, to try again on the next sweep.
 */
export async function embedPendingChunks(services: Services): Promise<number> {
  const current = lastEmbedder();
  const pending = await services.db
    .selectDistinct({ id: documents.id, scope: documents.scope, clientId: documents.clientId, warnings: documents.warnings })
    .from(chunks)
    .innerJoin(documents, eq(documents.id, chunks.documentId))
    .where(and(needsEmbedding(current), eq(documents.status, 'ready')))
    .limit(DOCUMENTS_PER_SWEEP);

  let completed = 0;
  for (const document of pending) {
    const rows = await listUnembeddedChunks(services.db, { documentId: document.id, embedder: current });
    if (rows.length === 0) continue;
    let embedder: string;
    try {
      const embeddings = await services.models.embedding.embed(rows.map((row) => row.text), 'document');
      embedder = embeddings.embedder;
      await services.vectors.upsert(
        scopeOf(document),
        rows.map((row, index) => ({ id: row.id, embedding: embeddings.vectors[index], documentId: document.id, pageNumber: row.pageNumber })),
        embeddings.embedder,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      log.debug({ documentId: document.id, code: error.code }, 'embedding backfill deferred');
      break;
    }
    await markChunksEmbedded(services.db, { ids: rows.map((row) => row.id), embedder });
    await updateDocument(services.db, { id: document.id, warnings: document.warnings.filter((warning) => !NOT_EMBEDDED.test(warning)) });
    completed += 1;
    // Another embedder than the one the list was made for means it changed again; the next sweep follows it.
    if (current !== null && embedder !== current) break;
  }
  if (completed > 0) log.info({ documents: completed }, 'embedding backfill added documents to semantic search');
  return completed;
}

/** Counts the chunks still waiting for an embedding, for tests and the status page. */
export async function countPendingChunks(services: Services): Promise<number> {
  const [row] = await services.db.select({ total: sql<number>`count(*)::int` }).from(chunks).where(eq(chunks.embedded, false));
  return row.total;
}
