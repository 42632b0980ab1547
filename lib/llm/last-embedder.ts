/**
 * The embedder that served this process's latest embedding request through the model providers,
 * e.g. "ollama:nomic-embed-text". With llama.cpp as the fallback the embedder changes whenever Ollama
 * goes away or comes back, and the backfill sweep uses this to put older chunks into the collection
 * that questions now search.
 */
const key = Symbol.for('rma-advisor.last-embedder');
type GlobalWithEmbedder = typeof globalThis & { [key]?: string };

/** Records the embedder that served the latest request. It is kept on globalThis because Next.js may load this module in several bundles of one process. */
export function rememberEmbedder(embedder: string): void {
  (globalThis as GlobalWithEmbedder)[key] = embedder;
}

/** Returns the embedder that served the latest embedding request, or null before the first. */
export function lastEmbedder(): string | null {
  return (globalThis as GlobalWithEmbedder)[key] ?? null;
}
