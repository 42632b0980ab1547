/**
 * A fake OpenAI-compatible server for tests, shaped like vLLM's: GET /v1/models and
 * POST /v1/chat/completions, streamed as server-sent events or not, with `response_format`.
 * It answers from the same chat.json fixture rules as the fake Ollama server, records what it was
 * sent, and can be made slow or made to fail. See README.md in this folder.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { composeAnswer, splitIntoTokens } from '../fake-ollama/answers';
import { HttpError, readJsonBody } from '../fake-ollama/http';
import type { FakeBehaviour } from '../fake-ollama/types';

export type FakeOpenAiRequest = {
  at: number;
  method: string;
  path: string;
  model?: string;
  stream: boolean;
  /** `response_format.type`: 'json_schema', 'json_object', 'text', or null when the request sets none. */
  responseFormat: string | null;
  /** The JSON schema sent with `json_schema`, for checks of what the client asked for. */
  jsonSchema?: unknown;
  messageCount: number;
  lastUserMessage?: string;
  /** Whether the request carried `Authorization: Bearer …`. */
  authorized: boolean;
};

export type FakeOpenAi = {
  /** The base URL including /v1, as OPENAI_BASE_URL takes it. */
  url: string;
  requests(): FakeOpenAiRequest[];
  setBehaviour(behaviour: FakeBehaviour): void;
  reset(): void;
  close(): Promise<void>;
};

export type FakeOpenAiOptions = {
  /** Models the server lists and accepts, e.g. ['meta-llama/Llama-3.2-3B-Instruct']. */
  models: string[];
  /** Folder with chat.json, the response rules shared with the fake Ollama server. */
  fixturesDir?: string;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401, as vLLM started with --api-key does. */
  apiKey?: string;
};

const messageSchema = z.object({ role: z.enum(['system', 'user', 'assistant', 'developer', 'tool']), content: z.string().nullable().optional() });
const chatSchema = z.object({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  response_format: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('text') }),
      z.object({ type: z.literal('json_object') }),
      // OpenAI's API requires a name with every schema; vLLM follows it.
      z.object({ type: z.literal('json_schema'), json_schema: z.object({ name: z.string().regex(/^[\w-]{1,64}$/), schema: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullable().optional() }) }),
    ])
    .optional(),
});

/** Starts a fake on a free loopback port. */
export async function startFakeOpenAi(options: FakeOpenAiOptions): Promise<FakeOpenAi> {
  const requests: FakeOpenAiRequest[] = [];
  let behaviour: FakeBehaviour = { mode: 'normal' };
  const closing = new AbortController();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, error instanceof HttpError ? error.status : 500, (error as Error).message));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake-openai').pathname;
    const authorized = req.headers.authorization === `Bearer ${options.apiKey}`;
    if (options.apiKey && !authorized) {
      requests.push({ at: Date.now(), method: req.method ?? 'GET', path, stream: false, responseFormat: null, messageCount: 0, authorized: false });
      return sendError(res, 401, 'Unauthorized', 'invalid_request_error');
    }

    if (req.method === 'GET' && path === '/v1/models') {
      requests.push({ at: Date.now(), method: 'GET', path, stream: false, responseFormat: null, messageCount: 0, authorized });
      return sendJson(res, 200, { object: 'list', data: options.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake-openai' })) });
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') return chatCompletions(req, res, path, authorized);
    sendError(res, 404, `Not Found: ${req.method} ${path}`);
  }

  async function chatCompletions(req: IncomingMessage, res: ServerResponse, path: string, authorized: boolean): Promise<void> {
    const parsed = chatSchema.safeParse(await readJsonBody(req));
    if (!parsed.success) return sendError(res, 400, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    const body = parsed.data;
    const format = body.response_format?.type ?? null;
    requests.push({
      at: Date.now(),
      method: 'POST',
      path,
      model: body.model,
      stream: body.stream === true,
      responseFormat: format,
      jsonSchema: body.response_format?.type === 'json_schema' ? body.response_format.json_schema.schema : undefined,
      messageCount: body.messages.length,
      lastUserMessage: body.messages.findLast((message) => message.role === 'user')?.content?.slice(0, 2000) ?? undefined,
      authorized,
    });
    if (!options.models.includes(body.model)) return sendError(res, 404, `The model \`${body.model}\` does not exist.`, 'NotFoundError');

    const disconnected = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) disconnected.abort(new Error('the client disconnected'));
    });
    const signal = AbortSignal.any([disconnected.signal, closing.signal]);
    if (behaviour.mode === 'hang') {
      // Accepted but never answered: the client's time limit or cancellation has to end it.
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
      return void res.destroy();
    }
    if (behaviour.mode === 'fail') return sendError(res, 500, 'The engine failed (fake failure).', 'InternalServerError');
    if (behaviour.delayMs) await sleep(behaviour.delayMs);

    const text = body.messages.map((message) => message.content ?? '').join('\n');
    const answer = await composeAnswer(behaviour.mode, options.fixturesDir, { model: body.model, text, hasImages: false, hasFormat: format === 'json_schema' || format === 'json_object' });
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
        usage: { prompt_tokens: Math.ceil(text.length / 4), completion_tokens: splitIntoTokens(answer).length, total_tokens: Math.ceil(text.length / 4) + splitIntoTokens(answer).length },
      });
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (delta: object, finishReason: string | null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
    res.write(chunk({ role: 'assistant', content: '' }, null));
    for (const token of splitIntoTokens(answer)) {
      if (signal.aborted) return void res.destroy();
      if (behaviour.tokenDelayMs) await sleep(behaviour.tokenDelayMs);
      res.write(chunk({ content: token }, null));
    }
    res.write(chunk({}, 'stop'));
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests: () => requests.map((request) => ({ ...request })),
    setBehaviour: (next) => {
      behaviour = next;
    },
    reset: () => {
      requests.length = 0;
      behaviour = { mode: 'normal' };
    },
    close: async () => {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** Sends the OpenAI error body, `{"error": {"message", "type", "param", "code"}}`. */
function sendError(res: ServerResponse, status: number, message: string, type = 'BadRequestError'): void {
  if (res.headersSent) return void res.destroy();
  sendJson(res, status, { error: { message, type, param: null, code: status } });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
