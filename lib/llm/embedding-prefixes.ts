import type { Config } from '../config';
import type { EmbeddingKind } from './types';

export type EmbeddingPrefixes = Record<EmbeddingKind, string>;

/** Task prefixes that nomic-embed-text was trained with; other embedders read them as plain text. */
export const nomicPrefixes: EmbeddingPrefixes = { document: 'search_document: ', query: 'search_query: ' };

const noPrefixes: EmbeddingPrefixes = { document: '', query: '' };

/**
 * Returns the prefixes for an embedding model under EMBED_PREFIXES. `auto` gives nomic's prefixes to
 * any model whose name (an Ollama name or a GGUF file name) contains "nomic-embed", and none otherwise,
 * as sentence-transformers models such as all-MiniLM-L6-v2 were trained without them.
 */
export function embeddingPrefixesFor(setting: Config['EMBED_PREFIXES'], modelName: string): EmbeddingPrefixes {
  if (setting === 'nomic') return nomicPrefixes;
  if (setting === 'none') return noPrefixes;
  return /nomic-embed/i.test(modelName) ? nomicPrefixes : noPrefixes;
}
