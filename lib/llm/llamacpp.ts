import path from 'node:path';
import type { ChatHistoryItem, LlamaGrammar } from 'node-llama-cpp';
import type { Config } from '../config';
import { AppError } from '../errors';
import { moduleLogger } from '../log';
import { getMetrics } from '../metrics';
import { embeddingPrefixesFor } from './embedding-prefixes';
import { configureGates, streamWithinGate, withServerGate } from './gate';
import { toGrammarSchema } from './grammar-schema';
import type { LlamaCppRuntime, LoadedText } from './llamacpp-runtime';
import type { CallOptions, ChatMessage, EmbeddingModel, Embeddings, TextModel } from './types';

const log = moduleLogger('llm.llamacpp');

/**
 * Discourages the loops small models fall into in free text; llama.cpp's usual range is 1.0 (off) to
 * 1.3. JSON output goes without it, as its keys and punctuation repeat by design.
 */
const REPEAT_PENALTY = { penalty: 1.15, frequencyPenalty: 0.1, lastTokens: 128 };

/** The gate key of a GGUF file: its calls queue on it as calls to a server queue on its URL. */
function gateKey(file: string): string {
  return `llamacpp:${file}`;
}

/** Converts the app's messages to node-llama-cpp's chat history, ending with the empty model turn to generate. */
function toChatHistory(messages: ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((message) => {
    if (message.role === 'system') return { type: 'system', text: message.content };
    if (message.role === 'user') return { type: 'user', text: message.content };
    return { type: 'model', response: [message.content] };
  });
  history.push({ type: 'model', response: [] });
  return history;
}

/** Combines the caller's signal with the call's time limit. */
function callSignal(timeoutMs: number, signal?: AbortSignal): AbortSignal {
  // A timer holds the controller, as AbortSignal.any keeps only weak references to its sources in Node 20.
  const deadline = new AbortController();
  setTimeout(() => deadline.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')), timeoutMs).unref();
  return signal ? AbortSignal.any([deadline.signal, signal]) : deadline.signal;
}

/** Translates a failed llama.cpp generation into an AppError naming the model file. */
function toGenerationError(error: unknown, role: 'text' | 'embed', file: string): AppError {
  if (error instanceof AppError) return error;
  const name = path.basename(file);
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new AppError('model_unavailable', `The ${role} model ${name} (llama.cpp) did not finish in time. Try again, or raise MODEL_TIMEOUT_MS.`, { cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new AppError('model_unavailable', `The call to the ${role} model ${name} (llama.cpp) was cancelled.`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('model_unavailable', `The ${role} model ${name} (llama.cpp) failed: ${message.slice(0, 200)}.`, { cause: error });
}

/** Settings shared by the llama.cpp text and embedding models. */
type LlamaCppSettings = { runtime: LlamaCppRuntime; file: string; config: Config };

/**
 * The text role on llama.cpp in this process. Chat uses the chat template that node-llama-cpp picks
 * for the model; JSON output is constrained by a grammar compiled from the JSON schema. At most
 * LLAMACPP_SEQUENCES generations run at once, one per sequence of the model's context.
 */
export class LlamaCppTextModel implements TextModel {
  private readonly runtime: LlamaCppRuntime;
  readonly file: string;
  private readonly maxTokens: number;
  private readonly timeoutMs: number;
  private readonly grammars = new WeakMap<object, Promise<LlamaGrammar>>();

  constructor({ runtime, file, config }: LlamaCppSettings) {
    this.runtime = runtime;
    this.file = file;
    this.maxTokens = config.LLAMACPP_MAX_TOKENS;
    this.timeoutMs = config.MODEL_TIMEOUT_MS;
    configureGates([{ url: gateKey(file), concurrency: config.LLAMACPP_SEQUENCES }]);
  }

  async chatJson(messages: ChatMessage[], jsonSchema: object, options?: CallOptions): Promise<unknown> {
    const text = await withServerGate(gateKey(this.file), () =>
      this.generate(messages, options, async (loaded, generate) => {
        const grammar = await this.grammarFor(loaded, jsonSchema);
        return generate({ grammar, temperature: 0 });
      }),
    );
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      // A grammar keeps every token valid JSON, so a parse failure means the output was cut at LLAMACPP_MAX_TOKENS.
      throw new AppError('model_output_invalid', `The text model ${path.basename(this.file)} (llama.cpp) stopped before its JSON was complete.`, { cause: error });
    }
  }

  /** Streams the answer; the sequence's gate slot is held until the generation ends. */
  async *streamChat(messages: ChatMessage[], options?: CallOptions): AsyncGenerator<string> {
    const generate = this.generate.bind(this);
    yield* streamWithinGate(gateKey(this.file), async function* () {
      // node-llama-cpp reports text by callback; this queue turns the callbacks into a stream.
      const pieces: string[] = [];
      let wake: (() => void) | undefined;
      let done = false;
      let failure: { error: unknown } | undefined;
      const generation = generate(messages, options, (_loaded, run) =>
        run({
          temperature: 0.2,
          onTextChunk: (chunk) => {
            pieces.push(chunk);
            wake?.();
          },
        }),
      )
        .catch((error: unknown) => {
          failure = { error };
        })
        .finally(() => {
          done = true;
          wake?.();
        });

      while (true) {
        if (pieces.length > 0) {
          yield pieces.shift()!;
          continue;
        }
        if (done) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      await generation;
      if (failure) throw failure.error;
    });
  }

  /**
   * Runs one generation on a free sequence of the loaded model, timed, with errors translated.
   * `run` chooses the options; the shared ones (history, token cap, signal, repeat penalty) are set here.
   */
  private generate(
    messages: ChatMessage[],
    options: CallOptions | undefined,
    run: (loaded: LoadedText, generate: (extra: GenerateOptions) => Promise<string>) => Promise<string>,
  ): Promise<string> {
    const started = Date.now();
    return this.runtime
      .useText(this.file, async (loaded) => {
        const { LlamaChat } = await import('node-llama-cpp');
        // The gate admits at most LLAMACPP_SEQUENCES calls per model, so a sequence is always free here.
        const sequence = loaded.freeSequences.pop();
        if (!sequence) throw new AppError('internal', 'No free llama.cpp sequence although the gate admitted the call.');
        const chat = new LlamaChat({ contextSequence: sequence });
        try {
          const signal = callSignal(this.timeoutMs, options?.signal);
          const generate = async (extra: GenerateOptions) => {
            const repeatPenalty = extra.grammar ? false : REPEAT_PENALTY;
            const response = await chat.generateResponse(toChatHistory(messages), { maxTokens: this.maxTokens, signal, repeatPenalty, ...extra });
            if (response.metadata.stopReason === 'maxTokens') log.debug({ model: path.basename(this.file), maxTokens: this.maxTokens }, 'generation stopped at the token cap');
            return response.response;
          };
          return await run(loaded, generate);
        } finally {
          chat.dispose({ disposeSequence: false });
          loaded.freeSequences.push(sequence);
        }
      })
      .then(
        (text) => {
          getMetrics().observeModelCall('text', 'llamacpp', (Date.now() - started) / 1000);
          return text;
        },
        (error: unknown) => {
          const failure = toGenerationError(error, 'text', this.file);
          log.warn({ role: 'text', model: path.basename(this.file), code: failure.code, ms: Date.now() - started }, 'model call failed');
          getMetrics().observeModelCall('text', 'llamacpp', (Date.now() - started) / 1000, failure.code);
          throw failure;
        },
      );
  }

  /** Compiles the grammar for a schema once per loaded model; callers pass the same schema object each time. */
  private grammarFor(loaded: LoadedText, jsonSchema: object): Promise<LlamaGrammar> {
    let grammar = this.grammars.get(jsonSchema);
    if (!grammar) {
      // The schema is only known at run time, so the library's type inference of the output has nothing to work on.
      grammar = loaded.model.llama.createGrammarForJsonSchema(toGrammarSchema(jsonSchema) as never);
      this.grammars.set(jsonSchema, grammar);
      grammar.catch(() => this.grammars.delete(jsonSchema));
    }
    return grammar;
  }
}

type GenerateOptions = { grammar?: LlamaGrammar; temperature: number; onTextChunk?: (chunk: string) => void };

/**
 * The embed role on llama.cpp in this process, from a GGUF embedding model such as all-MiniLM-L6-v2
 * or nomic-embed-text. Inputs longer than the model's context are cut to fit, as Ollama does with
 * `truncate: true`, and vectors are scaled to unit length, as Ollama returns them.
 */
export class LlamaCppEmbeddingModel implements EmbeddingModel {
  private readonly runtime: LlamaCppRuntime;
  readonly file: string;
  private readonly timeoutMs: number;
  private readonly prefixes: ReturnType<typeof embeddingPrefixesFor>;

  constructor({ runtime, file, config }: LlamaCppSettings) {
    this.runtime = runtime;
    this.file = file;
    this.timeoutMs = config.MODEL_TIMEOUT_MS;
    this.prefixes = embeddingPrefixesFor(config.EMBED_PREFIXES, path.basename(file));
  }

  /** The embedder id stored with the vectors: the provider and the model file's name. */
  get embedder(): string {
    return `llamacpp:${path.basename(this.file)}`;
  }

  async embed(texts: string[], kind: 'document' | 'query', options?: CallOptions): Promise<Embeddings> {
    const started = Date.now();
    const signal = callSignal(this.timeoutMs, options?.signal);
    try {
      const vectors = await this.runtime.useEmbedding(this.file, async ({ model, context, contextSize }) => {
        // The context must hold the input plus the beginning and end tokens llama.cpp adds.
        const maxInputTokens = contextSize - 3;
        const result: number[][] = [];
        for (const text of texts) {
          signal.throwIfAborted();
          const tokens = model.tokenize(this.prefixes[kind] + text).slice(0, maxInputTokens);
          const embedding = await context.getEmbeddingFor(tokens);
          result.push(unitLength(embedding.vector));
        }
        return result;
      });
      getMetrics().observeModelCall('embed', 'llamacpp', (Date.now() - started) / 1000);
      return { vectors, embedder: this.embedder };
    } catch (error) {
      const failure = toGenerationError(error, 'embed', this.file);
      log.warn({ role: 'embed', model: path.basename(this.file), code: failure.code, inputs: texts.length }, 'model call failed');
      getMetrics().observeModelCall('embed', 'llamacpp', (Date.now() - started) / 1000, failure.code);
      throw failure;
    }
  }
}

function unitLength(vector: readonly number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return norm > 0 ? vector.map((value) => value / norm) : [...vector];
}
