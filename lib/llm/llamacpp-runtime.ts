import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Llama, LlamaContext, LlamaContextSequence, LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp';
import { AppError } from '../errors';
import { moduleLogger } from '../log';

const log = moduleLogger('llm.llamacpp');

export type RuntimeOptions = {
  threads: number;
  /** Context window of a text model in tokens, held by each of its sequences. */
  contextSize: number;
  sequences: number;
  idleMs: number;
};

/**
 * A model loaded for one use, with what that use needs: a context and its sequences not in use, or an
 * embedding context. Sequences are reused rather than disposed, because llama.cpp takes a disposed
 * sequence back asynchronously, and because a reused sequence keeps the prompt prefix it shares with
 * the next call (such as a system prompt) evaluated.
 */
export type LoadedText = { kind: 'text'; model: LlamaModel; context: LlamaContext; freeSequences: LlamaContextSequence[] };
export type LoadedEmbedding = { kind: 'embed'; model: LlamaModel; context: LlamaEmbeddingContext; contextSize: number };
type Loaded = LoadedText | LoadedEmbedding;

const EMBEDDING_CONTEXT_MAX = 8192;

type Entry = { loading: Promise<Loaded>; active: number; idleTimer?: NodeJS.Timeout };

/** Half the logical cores: llama.cpp's threads spin while they wait, so more threads than free cores slows it sharply. */
export function defaultThreads(): number {
  return Math.max(1, Math.floor(os.availableParallelism() / 2));
}

// One llama.cpp instance per process, kept on globalThis because Next.js may load this module in several bundles.
const globalKey = Symbol.for('rma-advisor.llama');
type GlobalWithLlama = typeof globalThis & { [globalKey]?: Promise<Llama> };

function getProcessLlama(): Promise<Llama> {
  const store = globalThis as GlobalWithLlama;
  store[globalKey] ??= (async () => {
    const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
    // build: 'never' uses the prebuilt binaries of the @node-llama-cpp packages. Compiling llama.cpp
    // would download its source, so it never happens here. A GPU is used when a prebuilt binary supports it.
    return getLlama({
      build: 'never',
      logLevel: LlamaLogLevel.warn,
      logger: (level, message) => log.warn({ level }, message.trim()),
    });
  })().catch((error: unknown) => {
    delete store[globalKey];
    throw error;
  });
  return store[globalKey];
}

/**
 * Loads GGUF models into this process on first use and keeps each loaded until it has been idle for
 * `idleMs`. Callers lease a model with `use`, so a model is never unloaded mid-call.
 */
export class LlamaCppRuntime {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly options: RuntimeOptions) {}

  /** Runs `task` with the text model in `file` loaded, loading it first when needed. */
  useText<T>(file: string, task: (loaded: LoadedText) => Promise<T>): Promise<T> {
    return this.use(file, 'text', task as (loaded: Loaded) => Promise<T>);
  }

  /** Runs `task` with the embedding model in `file` loaded, loading it first when needed. */
  useEmbedding<T>(file: string, task: (loaded: LoadedEmbedding) => Promise<T>): Promise<T> {
    return this.use(file, 'embed', task as (loaded: Loaded) => Promise<T>);
  }

  /** Lists the model files loaded now. */
  loadedFiles(): string[] {
    return [...this.entries.keys()].map((key) => key.slice(key.indexOf(':') + 1));
  }

  /** Unloads every model now, e.g. when the services close. */
  async unloadAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((key) => this.unload(key)));
  }

  private async use<T>(file: string, kind: Loaded['kind'], task: (loaded: Loaded) => Promise<T>): Promise<T> {
    const key = `${kind}:${file}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { loading: this.load(file, kind), active: 0 };
      this.entries.set(key, entry);
      entry.loading.catch(() => this.entries.delete(key));
    }
    clearTimeout(entry.idleTimer);
    entry.active += 1;
    try {
      return await task(await entry.loading);
    } finally {
      entry.active -= 1;
      if (entry.active === 0) {
        entry.idleTimer = setTimeout(() => void this.unload(key), this.options.idleMs);
        entry.idleTimer.unref();
      }
    }
  }

  private async load(file: string, kind: Loaded['kind']): Promise<Loaded> {
    const started = Date.now();
    const name = path.basename(file);
    let model: LlamaModel | undefined;
    try {
      await fs.access(file);
      const llama = await getProcessLlama();
      model = await llama.loadModel({ modelPath: file });
      const loaded: Loaded = kind === 'text' ? await this.createText(model) : await this.createEmbedding(model);
      log.info({ model: name, kind, ms: Date.now() - started, threads: this.options.threads }, 'llama.cpp model loaded');
      return loaded;
    } catch (error) {
      await model?.dispose();
      throw toLoadError(error, file, kind);
    }
  }

  private async createText(model: LlamaModel): Promise<LoadedText> {
    const { sequences, threads } = this.options;
    const context = await model.createContext({ contextSize: Math.min(this.options.contextSize, model.trainContextSize), sequences, threads });
    return { kind: 'text', model, context, freeSequences: Array.from({ length: sequences }, () => context.getSequence()) };
  }

  private async createEmbedding(model: LlamaModel): Promise<LoadedEmbedding> {
    // Embedding models read one chunk at a time, and the app's chunks are far shorter than 8,192 tokens.
    const contextSize = Math.min(model.trainContextSize, EMBEDDING_CONTEXT_MAX);
    return { kind: 'embed', model, context: await model.createEmbeddingContext({ contextSize, threads: this.options.threads }), contextSize };
  }

  private async unload(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry || entry.active > 0) return;
    this.entries.delete(key);
    clearTimeout(entry.idleTimer);
    try {
      const loaded = await entry.loading;
      await loaded.context.dispose();
      await loaded.model.dispose();
      log.info({ model: path.basename(key.slice(key.indexOf(':') + 1)) }, 'llama.cpp model unloaded after idle time');
    } catch (error) {
      log.warn({ err: { name: (error as Error).name } }, 'llama.cpp model unload failed');
    }
  }
}

function toLoadError(error: unknown, file: string, kind: Loaded['kind']): AppError {
  if (error instanceof AppError) return error;
  const setting = kind === 'text' ? 'LLAMACPP_TEXT_MODEL' : 'LLAMACPP_EMBED_MODEL';
  const message = error instanceof Error ? error.message : String(error);
  if ((error as NodeJS.ErrnoException).code === 'ENOENT' || /no such file|not found|does not exist/i.test(message)) {
    return new AppError('model_missing', `The GGUF model file ${file} does not exist. Run "npm run models:pull", or set ${setting} to a GGUF file.`, { cause: error });
  }
  if (error instanceof Error && error.name === 'InsufficientMemoryError') {
    return new AppError('model_unavailable', `There is not enough memory to load the GGUF model ${path.basename(file)}. Use a smaller model, or lower TEXT_NUM_CTX and LLAMACPP_SEQUENCES.`, { cause: error });
  }
  return new AppError('model_unavailable', `llama.cpp could not load the GGUF model ${path.basename(file)}: ${message.slice(0, 200)}. Check that the file is a complete GGUF model, or set ${setting}.`, { cause: error });
}
