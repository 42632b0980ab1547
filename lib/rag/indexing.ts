import { deleteChunks, markChunksEmbedded, saveChunks } from '../db/queries/chunks';
import type { Db } from '../db/client';
import type { DocumentRecord } from '../db/queries/documents';
import { AppError } from '../errors';
import type { EmbeddingModel } from '../llm/types';
import { moduleLogger } from '../log';
import { collectionName, type ChromaVectorStore, type CollectionScope } from '../vectors/chroma';
import { chunkPages, type PageMarkdown } from './chunking';

const log = moduleLogger('rag.indexing');

export function scopeOf(document: Pick<DocumentRecord, 'scope' | 'clientId'>): CollectionScope {
  if (document.scope === 'client') {
    if (!document.clientId) throw new Error('a client document has no client id');
    return { scope: 'client', clientId: document.clientId };
  }
  return { scope: 'knowledge' };
}

/**
 * Replaces a document's chunks: saved to the records database for full-text search first, then
 * embedded into Chroma. When embedding or Chroma fails the document stays searchable by keywords,
 * and the returned warning says so.
 */
export async function indexDocument(
  deps: { db: Db; vectors: ChromaVectorStore; embedding: EmbeddingModel },
  document: Pick<DocumentRecord, 'id' | 'scope' | 'clientId'>,
  pages: PageMarkdown[],
  options: { signal?: AbortSignal } = {},
): Promise<{ chunkCount: number; embedded: boolean; warning?: string }> {
  const scope = scopeOf(document);
  const chunks = chunkPages(pages).map((chunk) => ({
    id: `${document.id}:${chunk.pageNumber}:${chunk.chunkIndex}`,
    documentId: document.id,
    scope: document.scope,
    clientId: document.clientId,
    pageNumber: chunk.pageNumber,
    chunkIndex: chunk.chunkIndex,
    text: chunk.text,
  }));

  await deleteChunks(deps.db, { documentId: document.id });
  await saveChunks(deps.db, chunks);
  if (chunks.length === 0) return { chunkCount: 0, embedded: true };

  try {
    await deps.vectors.deleteDocument(scope, document.id);
    const embeddings = await deps.embedding.embed(chunks.map((chunk) => chunk.text), 'document', options);
    await deps.vectors.upsert(
      scope,
      chunks.map((chunk, index) => ({ id: chunk.id, embedding: embeddings.vectors[index], documentId: chunk.documentId, pageNumber: chunk.pageNumber })),
      embeddings.embedder,
    );
    await markChunksEmbedded(deps.db, { ids: chunks.map((chunk) => chunk.id), embedder: embeddings.embedder });
    log.info({ documentId: document.id, collection: collectionName(scope, embeddings.embedder), chunks: chunks.length }, 'document indexed');
    return { chunkCount: chunks.length, embedded: true };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    log.warn({ documentId: document.id, code: error.code }, 'embedding skipped; document searchable by keywords only');
    return { chunkCount: chunks.length, embedded: false, warning: notEmbeddedWarning(error.code) };
  }
}

/**
 * Words the advisor reads on a document that is searchable by keywords only. The error's own message
 * names server addresses and settings, which are for an admin and appear on the Status page.
 */
const notEmbeddedCauses: Record<string, string> = {
  vectors_unavailable: 'the search index (Chroma) could not be reached',
  model_missing: 'the embedding model is not installed',
};

function notEmbeddedWarning(code: string): string {
  const cause = notEmbeddedCauses[code] ?? 'the embedding model could not be reached';
  return `Not added to semantic search: ${cause}. Keyword search still covers this document, and it joins semantic search by itself once that is fixed. The Status page shows what is down.`;
}
