import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { composeAnswer, splitIntoTokens } from './answers';
import { embedText, estimateTokens, normalise, splitTaskPrefix, truncateToTokens } from './embedding';
import { HttpError, parseBody, sendJson, startNdjson, waitForAbort, writeNdjson } from './http';
import { modelProfile } from './models';
import type { FakeBehaviour, FakeState, RouteContext } from './types';

/** The error a real Ollama server sends when its model runner crashes mid-request. */
export const RUNNER_FAILURE = 'llama runner process has terminated: exit status 2';

const optionsSchema = z.record(z.string(), z.unknown()).nullish();
const formatSchema = z.union([z.string(), z.record(z.string(), z.unknown())]).nullish();
const imagesSchema = z.array(z.string()).nullish();

const chatSchema = z.object({
  model: z.string().default(''),
  messages: z
    .array(z.object({ role: z.string(), content: z.string().nullish(), images: imagesSchema }))
    .nullish(),
  stream: z.boolean().nullish(),
  format: formatSchema,
  options: optionsSchema,
});

const generateSchema = z.object({
  model: z.string().default(''),
  prompt: z.string().nullish(),
  system: z.string().nullish(),
  images: imagesSchema,
  stream: z.boolean().nullish(),
  format: formatSchema,
  options: optionsSchema,
});

const embedSchema = z.object({
  model: z.string().default(''),
  input: z.union([z.string(), z.array(z.string())]).nullish(),
  truncate: z.boolean().nullish(),
  dimensions: z.number().int().nullish(),
  options: optionsSchema,
});

const legacyEmbeddingsSchema = z.object({
  model: z.string().default(''),
  prompt: z.string().nullish(),
  options: optionsSchema,
});

/** A chat or generate call reduced to what the fake needs to respond to it. */
type CompletionRequest = {
  kind: 'chat' | 'generate';
  /** The model as the client named it. Ollama echoes this name in every response. */
  model: string;
  /** Every message content, or the system text and prompt, joined by newlines. */
  text: string;
  images: string[];
  stream: boolean;
  format: z.infer<typeof formatSchema>;
  numPredict?: number;
  /** A chat without messages or a generate without a prompt only loads the model. */
  loadOnly: boolean;
};

function numericOption(options: Record<string, unknown> | null | undefined, key: string): number | undefined {
  const value = options?.[key];
  return typeof value === 'number' ? value : undefined;
}

/** Returns the installed model a call names, or throws the errors Ollama returns. */
function requireInstalledModel(state: FakeState, name: string) {
  if (!name) throw new HttpError(400, 'model is required');
  const model = state.models.find(name);
  if (!model) throw new HttpError(404, `model "${name}" not found, try pulling it first`);
  return model;
}

/**
 * Returns the byte offset of the first character Go's standard base64 decoder rejects, or -1 when
 * the string decodes. Ollama decodes images this way, so a `data:` URL fails at byte 4.
 * NOTE: the offset reported for bad padding or a short last group is approximate.
 */
export function invalidBase64Offset(value: string): number {
  if (value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value)) return -1;

  let groupLength = 0;
  let padding = 0;
  let ended = false;
  for (let index = 0; index < value.length; index += 1) {
    const character = value[index];
    // Go's decoder skips line breaks.
    if (character === '\r' || character === '\n') continue;
    // Nothing may follow a group that ends in padding.
    if (ended) return index;
    if (character === '=') {
      if (groupLength < 2) return index;
      padding += 1;
    } else if (padding > 0 || !/[A-Za-z0-9+/]/.test(character)) {
      return index;
    }
    groupLength = (groupLength + 1) % 4;
    if (groupLength === 0 && padding > 0) ended = true;
  }
  return groupLength === 0 ? -1 : value.length - groupLength;
}

function checkImages(images: string[]): void {
  for (const image of images) {
    const offset = invalidBase64Offset(image);
    if (offset >= 0) throw new HttpError(400, `illegal base64 data at input byte ${offset}`);
  }
}

/** Ollama accepts "json", a JSON schema object, or no format at all. The wording of this error is the fake's. */
function checkFormat(format: CompletionRequest['format']): void {
  if (typeof format === 'string' && format !== '' && format !== 'json') {
    throw new HttpError(500, `invalid format "${format}": expected "json" or a JSON schema object`);
  }
}

export function hasFormat(format: unknown): boolean {
  return format === 'json' || (typeof format === 'object' && format !== null);
}

/**
 * Applies the behaviour every model call shares, in order: hang, the start delay, then fail.
 * Returns the behaviour in force when the call arrived, so a change mid-stream does not mix modes.
 */
async function enterModelCall({ state, signal }: RouteContext): Promise<FakeBehaviour> {
  const behaviour = { ...state.behaviour };
  if (behaviour.mode === 'hang') await waitForAbort(signal);
  if (behaviour.delayMs) await delay(behaviour.delayMs, undefined, { signal });
  if (behaviour.mode === 'fail') throw new HttpError(500, RUNNER_FAILURE);
  return behaviour;
}

/** Builds the start of a chat or generate response object, carrying one piece of the content. */
function responsePiece(request: CompletionRequest, content: string) {
  const head = { model: request.model, created_at: new Date().toISOString() };
  return request.kind === 'chat' ? { ...head, message: { role: 'assistant', content } } : { ...head, response: content };
}

/** Builds the timings and counts of the last response object, in nanoseconds as Ollama reports them. */
function completionStats(startedAt: bigint, promptTokens: number, evalCount: number, doneReason: string) {
  const totalDuration = Number(process.hrtime.bigint() - startedAt);
  const loadDuration = Math.round(totalDuration * 0.1);
  const promptEvalDuration = Math.round(totalDuration * 0.2);
  return {
    done: true,
    done_reason: doneReason,
    total_duration: totalDuration,
    load_duration: loadDuration,
    prompt_eval_count: promptTokens,
    prompt_eval_duration: promptEvalDuration,
    eval_count: evalCount,
    eval_duration: totalDuration - loadDuration - promptEvalDuration,
  };
}

/** Builds `context`, the token ids of the conversation that generate responses end with. The fake's ids are made up. */
function generateContext(request: CompletionRequest, tokenCount: number): { context?: number[] } {
  if (request.kind !== 'generate') return {};
  return { context: Array.from({ length: Math.min(tokenCount, 64) }, (_, index) => index + 1) };
}

async function answerCompletion(context: RouteContext, request: CompletionRequest): Promise<void> {
  const { res, state, signal } = context;
  const startedAt = process.hrtime.bigint();

  const model = requireInstalledModel(state, request.model);
  if (!modelProfile(model.name).capabilities.includes('completion')) {
    throw new HttpError(400, `"${request.model}" does not support ${request.kind}`);
  }
  checkImages(request.images);
  checkFormat(request.format);

  if (request.loadOnly) {
    state.models.markLoaded(model.name);
    sendJson(res, 200, { ...responsePiece(request, ''), done: true, done_reason: 'load' });
    return;
  }

  const behaviour = await enterModelCall(context);
  state.models.markLoaded(model.name);
  const answer = await composeAnswer(behaviour.mode, state.fixturesDir, {
    model: request.model,
    text: request.text,
    hasImages: request.images.length > 0,
    hasFormat: hasFormat(request.format),
  });

  // A looping model runs until it reaches its token limit, which num_predict sets.
  let tokens = splitIntoTokens(answer);
  let doneReason = behaviour.mode === 'loop' ? 'length' : 'stop';
  if (request.numPredict !== undefined && request.numPredict > 0 && tokens.length > request.numPredict) {
    tokens = tokens.slice(0, request.numPredict);
    doneReason = 'length';
  }
  const promptTokens = estimateTokens(request.text);
  const extra = generateContext(request, promptTokens + tokens.length);

  if (!request.stream) {
    const stats = completionStats(startedAt, promptTokens, tokens.length, doneReason);
    sendJson(res, 200, { ...responsePiece(request, tokens.join('')), ...stats, ...extra });
    return;
  }

  startNdjson(res);
  for (const [index, token] of tokens.entries()) {
    if (index > 0 && behaviour.tokenDelayMs) await delay(behaviour.tokenDelayMs, undefined, { signal });
    if (signal.aborted) throw signal.reason;
    writeNdjson(res, { ...responsePiece(request, token), done: false });
  }
  const stats = completionStats(startedAt, promptTokens, tokens.length, doneReason);
  writeNdjson(res, { ...responsePiece(request, ''), ...stats, ...extra });
  res.end();
}

/** POST /api/chat */
export async function chat(context: RouteContext): Promise<void> {
  const body = parseBody(chatSchema, context.body);
  const messages = body.messages ?? [];
  await answerCompletion(context, {
    kind: 'chat',
    model: body.model,
    text: messages.map((message) => message.content ?? '').join('\n'),
    images: messages.flatMap((message) => message.images ?? []),
    // Ollama streams unless the request sets stream to false.
    stream: body.stream !== false,
    format: body.format,
    numPredict: numericOption(body.options, 'num_predict'),
    loadOnly: messages.length === 0,
  });
}

/** POST /api/generate */
export async function generate(context: RouteContext): Promise<void> {
  const body = parseBody(generateSchema, context.body);
  const prompt = body.prompt ?? '';
  await answerCompletion(context, {
    kind: 'generate',
    model: body.model,
    text: [body.system, prompt].filter(Boolean).join('\n'),
    images: body.images ?? [],
    stream: body.stream !== false,
    format: body.format,
    numPredict: numericOption(body.options, 'num_predict'),
    loadOnly: prompt === '',
  });
}

/** POST /api/embed: one unit vector per input, as nomic-embed-text returns. */
export async function embed(context: RouteContext): Promise<void> {
  const { res, state } = context;
  const startedAt = process.hrtime.bigint();
  const body = parseBody(embedSchema, context.body);
  const model = requireInstalledModel(state, body.model);
  const inputs = typeof body.input === 'string' ? [body.input].filter(Boolean) : (body.input ?? []);

  await enterModelCall(context);
  state.models.markLoaded(model.name);
  if (inputs.length === 0) {
    sendJson(res, 200, { model: body.model, embeddings: [] });
    return;
  }

  // Ollama reads at most the model's context length, or num_ctx when that is smaller.
  const contextLength = modelProfile(model.name).contextLength;
  const limit = Math.min(numericOption(body.options, 'num_ctx') ?? contextLength, contextLength);
  let promptEvalCount = 0;
  const embeddings = inputs.map((input) => {
    const tokens = estimateTokens(input);
    if (tokens > limit && body.truncate === false) throw new HttpError(400, 'the input length exceeds the context length');
    const truncatedInput = tokens > limit ? truncateToTokens(input, limit) : input;
    promptEvalCount += Math.min(tokens, limit);

    const vector = embedText(splitTaskPrefix(truncatedInput).text);
    return body.dimensions && body.dimensions > 0 && body.dimensions < vector.length ? normalise(vector.slice(0, body.dimensions)) : vector;
  });

  const totalDuration = Number(process.hrtime.bigint() - startedAt);
  sendJson(res, 200, {
    model: body.model,
    embeddings,
    total_duration: totalDuration,
    load_duration: Math.round(totalDuration * 0.1),
    prompt_eval_count: promptEvalCount,
  });
}

/** POST /api/embeddings, the endpoint Ollama kept from before /api/embed: one prompt, one vector. */
export async function legacyEmbeddings(context: RouteContext): Promise<void> {
  const { res, state } = context;
  const body = parseBody(legacyEmbeddingsSchema, context.body);
  const model = requireInstalledModel(state, body.model);

  await enterModelCall(context);
  state.models.markLoaded(model.name);
  const prompt = body.prompt ?? '';
  sendJson(res, 200, { embedding: prompt === '' ? [] : embedText(splitTaskPrefix(prompt).text) });
}
