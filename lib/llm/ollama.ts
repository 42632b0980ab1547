import { Ollama, type ChatResponse, type Message } from 'ollama';
import type { Config } from '../config';
import { AppError } from '../errors';
import { moduleLogger } from '../log';
import { getMetrics } from '../metrics';
import { embeddingPrefixesFor } from './embedding-prefixes';
import { configureGates, streamWithinGate, withServerGate } from './gate';
import { roleSettings, sameModel, type RoleSettings } from './roles';
import type { CallOptions, ChatMessage, EmbeddingModel, ModelRole, TextModel, VisionModel } from './types';

const log = moduleLogger('llm.ollama');

/** nomic-embed-text reads at most 2,048 tokens; longer input is truncated by the server. */
const EMBED_NUM_CTX = 2048;
const EMBED_BATCH_SIZE = 32;
/** Stops a vision model that loops before it fills the page with repeats. */
const VISION_MAX_TOKENS = 3072;
const MODEL_LIST_TTL_MS = 15_000;

/**
 * Makes an Ollama client whose every request ends at the caller's signal or after `timeoutMs`,
 * including a streamed body. ollama-js has no per-request signal, so each call gets its own client.
 */
function ollamaClient(host: string, timeoutMs: number, signal?: AbortSignal): Ollama {
  const boundFetch: typeof fetch = (input, init) => {
    // The timer holds the controller strongly. AbortSignal.any keeps only weak references to its
    // sources in Node 20, so an AbortSignal.timeout() passed straight in can be collected and never fire.
    const deadline = new AbortController();
    setTimeout(() => deadline.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')), timeoutMs).unref();
    const signals = [deadline.signal];
    if (signal) signals.push(signal);
    if (init?.signal) signals.push(init.signal);
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
  return new Ollama({ host, fetch: boundFetch });
}

/** The name of each role's model as advisors read it on screen. */
const roleNames: Record<ModelRole, string> = { text: 'text model', vision: 'vision model', embed: 'embedding model' };

/** Translates a failed Ollama call into an AppError naming the role, server and model. */
export function toModelError(error: unknown, settings: RoleSettings, model: string): AppError {
  if (error instanceof AppError) return error;
  const status = (error as { status_code?: number }).status_code;
  const message = error instanceof Error ? error.message : String(error);
  const where = `the ${roleNames[settings.role]} server at ${settings.url}`;

  if (status === 404 || /not found/i.test(message)) {
    return new AppError('model_missing', `The model "${model}" is not on ${where}. Pull it from the Status page, or run "ollama pull ${model}" on that server.`, { cause: error });
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    const reason = error.name === 'TimeoutError' ? 'did not answer in time' : 'call was cancelled';
    return new AppError('model_unavailable', `The ${roleNames[settings.role]} "${model}" ${reason} on ${where}. Try again when the server is less busy.`, { cause: error });
  }
  if (status !== undefined) {
    return new AppError('model_unavailable', `The ${roleNames[settings.role]} "${model}" failed on ${where} with HTTP ${status}. Check the server's log.`, { cause: error });
  }
  return new AppError('model_unavailable', `Cannot reach ${where}. An admin can check that Ollama is running there, or set OLLAMA_${settings.role.toUpperCase()}_URL.`, { cause: error });
}

/** Reports a pull the server accepted but could not finish, with the server's own reason, which names no client data. */
function pullFailed(error: unknown, settings: RoleSettings, model: string): AppError {
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  return new AppError(
    'model_unavailable',
    `The ${roleNames[settings.role]} server at ${settings.url} is running but could not download "${model}": ${reason}. Check that this server can reach the Ollama model library on the internet, or copy the model onto it by hand (see "Moving models between servers" in DEPLOYMENT.md).`,
    { cause: error },
  );
}

/** The Ollama-backed models of every role, built from validated configuration. */
export class OllamaModels {
  readonly roles: Record<ModelRole, RoleSettings>;
  private readonly timeoutMs: number;
  private readonly pingTimeoutMs: number;
  private readonly numCtx: number;
  private readonly embedPrefixes: Config['EMBED_PREFIXES'];
  private readonly modelLists = new Map<string, { at: number; names: string[] }>();

  constructor(config: Config) {
    this.roles = roleSettings(config);
    this.timeoutMs = config.MODEL_TIMEOUT_MS;
    this.pingTimeoutMs = config.MODEL_PING_TIMEOUT_MS;
    this.numCtx = config.TEXT_NUM_CTX;
    this.embedPrefixes = config.EMBED_PREFIXES;
    configureGates(Object.values(this.roles));
  }

  /**
   * Lists the models on a role's server; throws model_unavailable, naming that role and its setting,
   * when the server cannot be reached. Cached briefly per server, since roles may share one.
   */
  async listModels(role: ModelRole, options: { fresh?: boolean } = {}): Promise<string[]> {
    const settings = this.roles[role];
    const cached = this.modelLists.get(settings.url);
    if (!options.fresh && cached && Date.now() - cached.at < MODEL_LIST_TTL_MS) return cached.names;
    try {
      const response = await ollamaClient(settings.url, this.pingTimeoutMs).list();
      const names = response.models.map((model) => model.name);
      this.modelLists.set(settings.url, { at: Date.now(), names });
      return names;
    } catch (error) {
      this.modelLists.delete(settings.url);
      throw toModelError(error, settings, settings.model);
    }
  }

  /** Forgets cached model lists, e.g. after a pull. */
  clearModelCache(): void {
    this.modelLists.clear();
  }

  /**
   * Returns the model to call for a role: its configured model, or the fallback when only that is present.
   * Throws model_missing when neither is on the server.
   */
  async resolveModel(role: ModelRole): Promise<string> {
    const settings = this.roles[role];
    const names = await this.listModels(role);
    if (names.some((name) => sameModel(name, settings.model))) return settings.model;
    if (settings.fallbackModel && names.some((name) => sameModel(name, settings.fallbackModel!))) return settings.fallbackModel;
    const wanted = settings.fallbackModel ? `"${settings.model}" (or "${settings.fallbackModel}")` : `"${settings.model}"`;
    throw new AppError('model_missing', `The ${role} model ${wanted} is not on the server at ${settings.url}. Pull it from the Status page.`);
  }

  /** Runs one call for a role inside its server's gate, with errors translated. */
  private async call<T>(role: ModelRole, signal: AbortSignal | undefined, run: (client: Ollama, model: string) => Promise<T>): Promise<T> {
    const settings = this.roles[role];
    const model = await this.resolveModel(role);
    return withServerGate(settings.url, async () => {
      const started = Date.now();
      try {
        const result = await run(ollamaClient(settings.url, this.timeoutMs, signal), model);
        log.debug({ role, model, ms: Date.now() - started }, 'model call finished');
        getMetrics().observeModelCall(role, 'ollama', (Date.now() - started) / 1000);
        return result;
      } catch (error) {
        const appError = toModelError(error, settings, model);
        log.warn({ role, model, code: appError.code, ms: Date.now() - started, err: { name: (error as Error).name } }, 'model call failed');
        getMetrics().observeModelCall(role, 'ollama', (Date.now() - started) / 1000, appError.code);
        throw appError;
      }
    });
  }

  readonly text: TextModel = {
    streamChat: (messages, options) => this.streamChat(messages, options),
    chatJson: (messages, jsonSchema, options) =>
      this.call('text', options?.signal, async (client, model) => {
        const response: ChatResponse = await client.chat({
          model,
          messages: messages as Message[],
          format: jsonSchema,
          stream: false,
          options: { num_ctx: this.numCtx, temperature: 0 },
        });
        try {
          return JSON.parse(response.message.content) as unknown;
        } catch (error) {
          throw new AppError('model_output_invalid', `The text model "${model}" returned output that is not JSON.`, { cause: error });
        }
      }),
  };

  readonly vision: VisionModel = {
    transcribe: (image, prompt, options) =>
      this.call('vision', options?.signal, async (client, model) => {
        const response = await client.chat({
          model,
          // Raw base64, never a data: URL, which Ollama rejects as illegal base64.
          messages: [{ role: 'user', content: prompt, images: [Buffer.from(image).toString('base64')] }],
          stream: false,
          options: { temperature: 0, num_predict: VISION_MAX_TOKENS },
        });
        return response.message.content;
      }),
  };

  readonly embedding: EmbeddingModel = {
    embed: async (texts, kind, options) => {
      const model = await this.resolveModel('embed');
      const prefix = embeddingPrefixesFor(this.embedPrefixes, model)[kind];
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += EMBED_BATCH_SIZE) {
        const batch = texts.slice(start, start + EMBED_BATCH_SIZE).map((text) => prefix + text);
        const response = await this.call('embed', options?.signal, (client) =>
          client.embed({ model, input: batch, truncate: true, options: { num_ctx: EMBED_NUM_CTX } }),
        );
        vectors.push(...response.embeddings);
      }
      return { vectors, embedder: `ollama:${model}` };
    },
  };

  /** Streams a chat answer; the server's gate slot is held until the stream ends. */
  private async *streamChat(messages: ChatMessage[], options?: CallOptions): AsyncGenerator<string> {
    const settings = this.roles.text;
    const model = await this.resolveModel('text');
    const timeoutMs = this.timeoutMs;
    const numCtx = this.numCtx;

    yield* streamWithinGate(settings.url, async function* () {
      const started = Date.now();
      try {
        const stream = await ollamaClient(settings.url, timeoutMs, options?.signal).chat({
          model,
          messages: messages as Message[],
          stream: true,
          options: { num_ctx: numCtx, temperature: 0.2 },
        });
        for await (const part of stream) {
          if (part.message?.content) yield part.message.content;
        }
        getMetrics().observeModelCall('text', 'ollama', (Date.now() - started) / 1000);
      } catch (error) {
        const failure = toModelError(error, settings, model);
        log.warn({ role: 'text', model, code: failure.code }, 'streamed chat failed');
        getMetrics().observeModelCall('text', 'ollama', (Date.now() - started) / 1000, failure.code);
        throw failure;
      }
    });
  }

  /** Starts pulling a model on a role's server and yields Ollama's progress messages. */
  async *pull(role: ModelRole, model: string, signal?: AbortSignal): AsyncGenerator<{ status: string; completed?: number; total?: number }> {
    const settings = this.roles[role];
    // A pull of several gigabytes can run for an hour; only the caller's signal ends it.
    const client = ollamaClient(settings.url, 24 * 60 * 60 * 1000, signal);
    let replied = false;
    try {
      const stream = await client.pull({ model, stream: true });
      replied = true;
      for await (const part of stream) yield { status: part.status, completed: part.completed, total: part.total };
      this.modelLists.delete(settings.url);
    } catch (error) {
      // Once the server has replied, a failure is its own: usually it cannot reach the model library.
      if (replied && !(error instanceof AppError) && !(error instanceof Error && error.name === 'AbortError')) throw pullFailed(error, settings, model);
      throw toModelError(error, settings, model);
    }
  }
}
