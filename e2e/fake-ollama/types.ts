import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ModelRegistry } from './models';

/**
 * How the fake responds to model calls (chat, generate, embed, embeddings). Model management (tags, show,
 * pull, delete) is never affected, so a test can break the model calls alone.
 * - fail: HTTP 500 with an Ollama runner error.
 * - empty: the response content is "".
 * - loop: one line repeated hundreds of times, ending with done_reason "length".
 * - invalid-json: text that is not JSON, even when the request sets `format`.
 * - hang: the request is accepted but gets no response until the client disconnects or the server closes.
 * The content modes (empty, loop, invalid-json) change chat and generate only, so embed still returns vectors.
 */
export type FakeBehaviour = {
  mode: 'normal' | 'fail' | 'empty' | 'loop' | 'invalid-json' | 'hang';
  /** Milliseconds to wait before the first byte of every model call. */
  delayMs?: number;
  /** Milliseconds to wait between streamed chunks. */
  tokenDelayMs?: number;
};

export const behaviourSchema: z.ZodType<FakeBehaviour> = z.strictObject({
  mode: z.enum(['normal', 'fail', 'empty', 'loop', 'invalid-json', 'hang']),
  delayMs: z.number().int().min(0).optional(),
  tokenDelayMs: z.number().int().min(0).optional(),
});

/** What one request to the fake carried, for assertions in tests. Control requests are not recorded. */
export type RecordedRequest = {
  /** Arrival time in milliseconds since the epoch. */
  at: number;
  method: string;
  path: string;
  model?: string;
  stream: boolean;
  hasFormat: boolean;
  /** Images in the chat messages or the generate request. */
  imageCount: number;
  /** Decoded size in bytes of each image. */
  imageBytes: number[];
  /** Number of inputs of an /api/embed or /api/embeddings call. */
  embedInputs?: number;
  /** The task prefix of each embedding input: 'search_document: ', 'search_query: ' or ''. */
  embedPrefixes?: string[];
  /** The last user message of a chat, or the prompt of a generate call: its first 2,000 characters. */
  lastUserMessage?: string;
  /** `options.num_ctx`, when the request sets it. */
  numCtx?: number;
  /** Estimated token count of everything the model would read, from `estimateTokens`. */
  promptTokens?: number;
};

/** The mutable state of one fake server, shared by its route handlers. */
export type FakeState = {
  name: string;
  fixturesDir?: string;
  behaviour: FakeBehaviour;
  requests: RecordedRequest[];
  models: ModelRegistry;
  pullDurationMs: number;
  log: Logger;
};

/** One request as a route handler receives it. */
export type RouteContext = {
  req: IncomingMessage;
  res: ServerResponse;
  state: FakeState;
  /** The parsed JSON body, or undefined when the request has none. */
  body: unknown;
  /** Aborts when the client disconnects or the server closes. */
  signal: AbortSignal;
};

export type RouteHandler = (context: RouteContext) => Promise<void> | void;
