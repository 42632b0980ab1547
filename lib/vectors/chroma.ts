import { ChromaClient, ChromaNotFoundError, type Collection } from 'chromadb';
import { AppError } from '../errors';
import { moduleLogger } from '../log';

const log = moduleLogger('vectors.chroma');

/** Which vector collection a chunk belongs to: one per client, and one for the knowledge base. */
export type CollectionScope = { scope: 'client'; clientId: string } | { scope: 'knowledge' };

export type VectorRecord = { id: string; embedding: number[]; documentId: string; pageNumber: number };
export type VectorMatch = { id: string; distance: number };

const CALL_TIMEOUT_MS = 15_000;

/**
 * Returns the collection name for a scope. Names come from ids only, never from filenames, so they
 * always meet Chroma's rules (3 to 63 characters, alphanumeric at both ends).
 */
export function collectionName(scope: CollectionScope): string {
  if (scope.scope === 'knowledge') return 'knowledge-base';
  if (!/^[0-9a-f-]{36}$/.test(scope.clientId)) throw new AppError('invalid_request', `Invalid client id "${scope.clientId}".`);
  return `client-${scope.clientId}`;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The Chroma adapter. Collections are created without an embedding function and every call passes
 * its own embeddings, because chromadb 3 otherwise looks for a default embedder that is not installed.
 */
export class ChromaVectorStore {
  private readonly client: ChromaClient;
  private maxBatchSize: number | undefined;

  constructor(private readonly url: string) {
    const parsed = new URL(url);
    this.client = new ChromaClient({
      host: parsed.hostname,
      port: Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)),
      ssl: parsed.protocol === 'https:',
    });
  }

  /** Throws vectors_unavailable when the Chroma server does not answer its heartbeat. */
  async ping(): Promise<void> {
    await this.run('heartbeat', () => this.client.heartbeat());
  }

  /** Adds or replaces records, in batches no larger than the server accepts. */
  async upsert(scope: CollectionScope, records: VectorRecord[]): Promise<void> {
    if (records.length === 0) return;
    const collection = await this.collection(scope, true);
    this.maxBatchSize ??= await this.run('max batch size', () => this.client.getMaxBatchSize());
    for (let start = 0; start < records.length; start += this.maxBatchSize) {
      const batch = records.slice(start, start + this.maxBatchSize);
      await this.run('upsert', () =>
        collection!.upsert({
          ids: batch.map((record) => record.id),
          embeddings: batch.map((record) => record.embedding),
          metadatas: batch.map((record) => ({ documentId: record.documentId, pageNumber: record.pageNumber })),
        }),
      );
    }
  }

  /** Returns the nearest records in one scope's collection; an absent collection has none. */
  async query(scope: CollectionScope, embedding: number[], limit: number): Promise<VectorMatch[]> {
    const collection = await this.collection(scope, false);
    if (!collection) return [];
    const result = await this.run('query', () => collection.query({ queryEmbeddings: [embedding], nResults: limit, include: ['distances'] as never }));
    const ids = result.ids[0] ?? [];
    const distances = result.distances?.[0] ?? [];
    return ids.map((id, index) => ({ id, distance: distances[index] ?? Number.POSITIVE_INFINITY }));
  }

  /** Deletes every record of one document. */
  async deleteDocument(scope: CollectionScope, documentId: string): Promise<void> {
    const collection = await this.collection(scope, false);
    if (!collection) return;
    await this.run('delete document', () => collection.delete({ where: { documentId } }));
  }

  /** Deletes a whole scope's collection, e.g. when a client is erased. */
  async deleteCollection(scope: CollectionScope): Promise<void> {
    try {
      await this.run('delete collection', () => this.client.deleteCollection({ name: collectionName(scope) }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** Counts a document's records, or all records of the scope; used by erasure checks. */
  async count(scope: CollectionScope, documentId?: string): Promise<number> {
    const collection = await this.collection(scope, false);
    if (!collection) return 0;
    if (!documentId) return this.run('count', () => collection.count());
    const result = await this.run('get', () => collection.get({ where: { documentId }, include: [] as never }));
    return result.ids.length;
  }

  private async collection(scope: CollectionScope, create: true): Promise<Collection>;
  private async collection(scope: CollectionScope, create: false): Promise<Collection | undefined>;
  private async collection(scope: CollectionScope, create: boolean): Promise<Collection | undefined> {
    const name = collectionName(scope);
    if (create) {
      return this.run('get or create collection', () =>
        this.client.getOrCreateCollection({ name, embeddingFunction: null, configuration: { hnsw: { space: 'cosine' } } }),
      );
    }
    try {
      return await this.run('get collection', () => this.client.getCollection({ name, embeddingFunction: undefined }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async run<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(call(), `Chroma ${what}`);
    } catch (error) {
      if (isNotFound(error) || error instanceof AppError) throw error;
      log.warn({ operation: what, err: { name: (error as Error).name, message: (error as Error).message } }, 'Chroma call failed');
      throw new AppError('vectors_unavailable', `The vector database at ${this.url} failed or cannot be reached (${what}). Check that Chroma is running, or set CHROMA_URL.`, { cause: error });
    }
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof ChromaNotFoundError || (error instanceof Error && /does not exist|not found/i.test(error.message));
}
