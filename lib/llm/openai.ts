import OpenAI from 'openai';
import type { Config } from '../config';
import { AppError } from '../errors';
import { moduleLogger } from '../log';
import { getMetrics } from '../metrics';
import { configureGates, streamWithinGate, withServerGate } from './gate';
import type { CallOptions, ChatMessage, TextModel } from './types';

const log = moduleLogger('llm.openai');

const MODEL_LIST_TTL_MS = 15_000;
/** The name sent with a JSON schema; OpenAI-compatible servers require one but do not use it. */
const SCHEMA_NAME = 'answer';

/**
 * Translates a failed call to an OpenAI-compatible server into an AppError naming the server and model.
 * The openai package raises APIError subclasses carrying the HTTP status, and its own classes for
 * connection failures, timeouts and cancellation.
 */
export function toOpenAiError(error: unknown, baseUrl: string, model: string): AppError {
  if (error instanceof AppError) return error;
  const where = `the OpenAI-compatible server at ${baseUrl}`;

  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new AppError('model_unavailable', `The text model "${model}" timed out on ${where}. Try again when the server is less busy.`, { cause: error });
  }
  if (error instanceof OpenAI.APIUserAbortError || (error instanceof Error && error.name === 'AbortError')) {
    return new AppError('model_unavailable', `The call to the text model "${model}" on ${where} was cancelled.`, { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new AppError('model_unavailable', `Cannot reach ${where}. An admin can check that the server is running there, or set OPENAI_BASE_URL.`, { cause: error });
  }
  if (error instanceof OpenAI.NotFoundError) {
    return new AppError('model_missing', `The model "${model}" is not served by ${where}. Start the server with that model, or set OPENAI_MODEL to one it lists.`, { cause: error });
  }
  if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) {
    return new AppError('model_unavailable', `${where} rejected the API key (HTTP ${error.status}). Check OPENAI_API_KEY.`, { cause: error });
  }
  if (error instanceof OpenAI.APIError) {
    return new AppError('model_unavailable', `The text model "${model}" failed on ${where} with HTTP ${error.status ?? 'error'}. Check the server's log.`, { cause: error });
  }
  return new AppError('model_unavailable', `The call to ${where} failed unexpectedly. Check the server's log.`, { cause: error });
}

/**
 * The text role on an OpenAI-compatible chat completions API, such as vLLM's. JSON output is
 * constrained with `response_format: { type: 'json_schema' }`, which vLLM enforces by guided decoding;
 * the caller still validates the result.
 */
export class OpenAiTextModel implements TextModel {
  readonly baseUrl: string;
  readonly model: string;
  private readonly client: OpenAI;
  private readonly pingClient: OpenAI;
  private modelList: { at: number; names: string[] } | undefined;

  constructor(config: Config) {
    this.baseUrl = config.OPENAI_BASE_URL;
    this.model = config.OPENAI_MODEL;
    // vLLM without --api-key accepts any token, and the openai package refuses to start without one.
    const apiKey = config.OPENAI_API_KEY ?? 'not-needed';
    // Retries are left to the callers, which fall back to rules or keyword search at once.
    this.client = new OpenAI({ baseURL: this.baseUrl, apiKey, timeout: config.MODEL_TIMEOUT_MS, maxRetries: 0 });
    this.pingClient = new OpenAI({ baseURL: this.baseUrl, apiKey, timeout: config.MODEL_PING_TIMEOUT_MS, maxRetries: 0 });
    configureGates([{ url: this.baseUrl, concurrency: config.OPENAI_CONCURRENCY }]);
  }

  /** Lists the models the server serves; throws model_unavailable when it cannot be reached. Cached briefly. */
  async listModels(options: { fresh?: boolean } = {}): Promise<string[]> {
    if (!options.fresh && this.modelList && Date.now() - this.modelList.at < MODEL_LIST_TTL_MS) return this.modelList.names;
    try {
      const names: string[] = [];
      for await (const model of this.pingClient.models.list()) names.push(model.id);
      this.modelList = { at: Date.now(), names };
      return names;
    } catch (error) {
      this.modelList = undefined;
      throw toOpenAiError(error, this.baseUrl, this.model);
    }
  }

  async chatJson(messages: ChatMessage[], jsonSchema: object, options?: CallOptions): Promise<unknown> {
    const content = await this.call(options, async () => {
      const completion = await this.client.chat.completions.create(
        {
          model: this.model,
          messages,
          temperature: 0,
          response_format: { type: 'json_schema', json_schema: { name: SCHEMA_NAME, schema: jsonSchema as Record<string, unknown> } },
        },
        { signal: options?.signal },
      );
      return completion.choices[0]?.message?.content ?? '';
    });
    try {
      return JSON.parse(content) as unknown;
    } catch (error) {
      throw new AppError('model_output_invalid', `The text model "${this.model}" returned output that is not JSON.`, { cause: error });
    }
  }

  /** Streams the answer from server-sent events; the gate slot is held until the stream ends. */
  async *streamChat(messages: ChatMessage[], options?: CallOptions): AsyncGenerator<string> {
    const { client, model, baseUrl } = this;
    yield* streamWithinGate(baseUrl, async function* () {
      const started = Date.now();
      try {
        const stream = await client.chat.completions.create({ model, messages, temperature: 0.2, stream: true }, { signal: options?.signal });
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta?.content;
          if (delta) yield delta;
        }
        getMetrics().observeModelCall('text', 'openai', (Date.now() - started) / 1000);
      } catch (error) {
        const failure = toOpenAiError(error, baseUrl, model);
        log.warn({ role: 'text', model, code: failure.code }, 'streamed chat failed');
        getMetrics().observeModelCall('text', 'openai', (Date.now() - started) / 1000, failure.code);
        throw failure;
      }
    });
  }

  /** Runs one call inside the server's gate, with errors translated and timed. */
  private call<T>(options: CallOptions | undefined, run: () => Promise<T>): Promise<T> {
    return withServerGate(this.baseUrl, async () => {
      const started = Date.now();
      try {
        const result = await run();
        getMetrics().observeModelCall('text', 'openai', (Date.now() - started) / 1000);
        return result;
      } catch (error) {
        const failure = toOpenAiError(error, this.baseUrl, this.model);
        log.warn({ role: 'text', model: this.model, code: failure.code, ms: Date.now() - started, aborted: options?.signal?.aborted ?? false }, 'model call failed');
        getMetrics().observeModelCall('text', 'openai', (Date.now() - started) / 1000, failure.code);
        throw failure;
      }
    });
  }
}
