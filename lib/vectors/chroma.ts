import { createHash } from 'node:crypto';
import { ChromaClient, ChromaNotFoundError, type Collection } from 'chromadb';
import { AppError } from '../errors';
import { moduleLogger } from '../log';

const log = moduleLogger('vectors.chroma');

/** Which vector collection a chunk belongs to: one per client, and one for the knowledge base. */
export type CollectionScope = { scope: 'client'; clientId: string } | { scope: 'knowledge' };

export type VectorRecord = { id: string; embedding: number[]; documentId: string; pageNumber: number };
export type VectorMatch = { id: string; distance: number };

const CALL_TIMEOUT_MS = 15_000;
const LIST_PAGE_SIZE = 1000;

/** The embedder whose collections keep the names they had before each embedder got its own collections. */
const ORIGINAL_EMBEDDER = 'ollama:nomic-embed-text';

/**
 * Returns the collection name for a scope and embedder. Names come from ids only, never from
 * filenames, so they always meet Chroma's rules (3 to 63 characters, alphanumeric at both ends).
 * Each embedder gets its own collection, because vectors from two embedders cannot be compared and
 * usually differ in length. The original embedder, and a call without one, use the scope's plain name.
 */
export function collectionName(scope: CollectionScope, embedder?: string): string {
  const base = scopeCollectionName(scope);
  if (!embedder || embedder === ORIGINAL_EMBEDDER) return base;
  return `${base}-e${createHash('sha256').update(embedder).digest('hex').slice(0, 10)}`;
}

function scopeCollectionName(scope: CollectionScope): string {
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

  /** Adds or replaces records in the embedder's collection, in batches no larger than the server accepts. */
  async upsert(scope: CollectionScope, records: VectorRecord[], embedder?: string): Promise<void> {
    if (records.length === 0) return;
    const collection = await this.collection(collectionName(scope, embedder), true);
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

  /** Returns the nearest records in the embedder's collection of one scope; an absent collection has none. */
  async query(scope: CollectionScope, embedding: number[], limit: number, embedder?: string): Promise<VectorMatch[]> {
    const collection = await this.collection(collectionName(scope, embedder), false);
    if (!collection) return [];
    const result = await this.run('query', () => collection.query({ queryEmbeddings: [embedding], nResults: limit, include: ['distances'] as never }));
    const ids = result.ids[0] ?? [];
    const distances = result.distances?.[0] ?? [];
    return ids.map((id, index) => ({ id, distance: distances[index] ?? Number.POSITIVE_INFINITY }));
  }

  /** Deletes every record of one document, in the collections of every embedder. */
  async deleteDocument(scope: CollectionScope, documentId: string): Promise<void> {
    for (const name of await this.scopeCollections(scope)) {
      const collection = await this.collection(name, false);
      if (collection) await this.run('delete document', () => collection.delete({ where: { documentId } }));
    }
  }

  /** Deletes a whole scope's collections, one per embedder, e.g. when a client is erased. */
  async deleteCollection(scope: CollectionScope): Promise<void> {
    for (const name of await this.scopeCollections(scope)) {
      try {
        await this.run('delete collection', () => this.client.deleteCollection({ name }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }

  /** Counts a document's records, or all records of the scope, across embedders; used by erasure checks. */
  async count(scope: CollectionScope, documentId?: string): Promise<number> {
    let total = 0;
    for (const name of await this.scopeCollections(scope)) {
      const collection = await this.collection(name, false);
      if (!collection) continue;
      if (!documentId) total += await this.run('count', () => collection.count());
      else total += (await this.run('get', () => collection.get({ where: { documentId }, include: [] as never }))).ids.length;
    }
    return total;
  }

  /**
   * Lists the names of a scope's collections: its plain name and one per other embedder.
   * NOTE: Chroma cannot filter collections by name, so this pages through every collection.
   */
  private async scopeCollections(scope: CollectionScope): Promise<string[]> {
    const base = collectionName(scope);
    const names: string[] = [];
    for (let offset = 0; ; offset += LIST_PAGE_SIZE) {
      const page = await this.run('list collections', () => this.client.listCollections({ limit: LIST_PAGE_SIZE, offset }));
      names.push(...page.map((collection) => collection.name).filter((name) => name === base || name.startsWith(`${base}-e`)));
      if (page.length < LIST_PAGE_SIZE) return names;
    }
  }

  private async collection(name: string, create: true): Promise<Collection>;
  private async collection(name: string, create: false): Promise<Collection | undefined>;
  private async collection(name: string, create: boolean): Promise<Collection | undefined> {
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
