/** The three jobs a model does here; each has its own server URL and model name. */
export type ModelRole = 'text' | 'vision' | 'embed';

export const modelRoles: readonly ModelRole[] = ['text', 'vision', 'embed'];

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export type CallOptions = { signal?: AbortSignal };

/** Chat with the text model. Errors are AppError with code model_unavailable, model_missing or model_output_invalid. */
export interface TextModel {
  /** Streams the answer as text deltas. */
  streamChat(messages: ChatMessage[], options?: CallOptions): AsyncIterable<string>;
  /** Returns the answer parsed as JSON, constrained by a JSON schema. The caller still validates it. */
  chatJson(messages: ChatMessage[], jsonSchema: object, options?: CallOptions): Promise<unknown>;
}

/** Reads a page image with the vision model. */
export interface VisionModel {
  transcribe(image: Uint8Array, prompt: string, options?: CallOptions): Promise<string>;
}

/** 'document' for chunks being indexed, 'query' for a question; each gets the embedder's task prefix. */
export type EmbeddingKind = 'document' | 'query';

/**
 * Vectors and the embedder that made them, e.g. "ollama:nomic-embed-text". Vectors of different
 * embedders live in different spaces (and often differ in length), so they are never compared.
 */
export type Embeddings = { vectors: number[][]; embedder: string };

export interface EmbeddingModel {
  embed(texts: string[], kind: EmbeddingKind, options?: CallOptions): Promise<Embeddings>;
}

/** Who serves a model role. Vision is always Ollama; text and embed may use the others. */
export type ModelProvider = 'ollama' | 'openai' | 'llamacpp';

/** The model of each role, as domain code uses them. */
export type RoleModels = { text: TextModel; vision: VisionModel; embedding: EmbeddingModel };
