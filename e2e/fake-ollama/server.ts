/**
 * A fake Ollama server for tests. It speaks Ollama's HTTP API closely enough for the `ollama` npm
 * client, responds to chat and generate calls from fixture rules, returns deterministic embeddings,
 * records what it was sent, and can be made slow or made to fail. See README.md in this folder.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino, { type LevelWithSilent } from 'pino';
import { FixtureError } from './fixtures';
import { HttpError, parseBody, readJsonBody, sendError, sendJson, sendText, writeNdjson } from './http';
import { chat, embed, generate, legacyEmbeddings } from './inference-routes';
import { ModelRegistry } from './models';
import { deleteModel, ps, pull, root, show, tags, version } from './model-routes';
import { describeRequest } from './recording';
import { behaviourSchema, type FakeBehaviour, type FakeState, type RecordedRequest, type RouteHandler } from './types';

export type { FakeBehaviour, RecordedRequest } from './types';
export { FALLBACK_ANSWER, FALLBACK_JSON, FALLBACK_TRANSCRIPT, INVALID_JSON_ANSWER, LOOP_LINE } from './answers';
export { RUNNER_FAILURE } from './inference-routes';

export type FakeOllama = {
  url: string;
  port: number;
  /** A copy of every request received since the start or the last reset, oldest first. */
  requests(): RecordedRequest[];
  setBehaviour(behaviour: FakeBehaviour): void;
  /** Clears the requests, sets the behaviour back to normal and the models back to the start list. */
  reset(): void;
  close(): Promise<void>;
};

export type FakeOllamaOptions = {
  /** 0 or undefined: a free port chosen by the operating system. */
  port?: number;
  /** A loopback address: '127.0.0.1' (the default), '::1' or 'localhost'. */
  host?: string;
  /** Models present at the start, e.g. ['llama3.2:latest']. A name without a tag gets ':latest'. */
  models?: string[];
  /** Folder with chat.json, the response rules for chat and generate calls. */
  fixturesDir?: string;
  /** Name in log lines, e.g. 'text' or 'vision'. */
  name?: string;
  /** How long a pull takes from the first progress message to "success": 1,500 ms by default. */
  pullDurationMs?: number;
  /** Log level: FAKE_OLLAMA_LOG_LEVEL, or 'warn' when that is unset. */
  logLevel?: LevelWithSilent;
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const DEFAULT_PULL_DURATION_MS = 1500;

/** Controls for tests whose fake runs in another process, e.g. Playwright tests. */
const CONTROL_PREFIX = '/__fake/';

function resetState(state: FakeState): void {
  state.requests.length = 0;
  state.behaviour = { mode: 'normal' };
  state.models.reset();
}

const routes: Record<string, Partial<Record<string, RouteHandler>>> = {
  '/': { GET: root, HEAD: root },
  '/api/version': { GET: version, HEAD: version },
  '/api/tags': { GET: tags, HEAD: tags },
  '/api/ps': { GET: ps },
  '/api/show': { POST: show },
  '/api/delete': { DELETE: deleteModel },
  '/api/pull': { POST: pull },
  '/api/chat': { POST: chat },
  '/api/generate': { POST: generate },
  '/api/embed': { POST: embed },
  '/api/embeddings': { POST: legacyEmbeddings },
  '/__fake/behaviour': {
    GET: ({ res, state }) => sendJson(res, 200, state.behaviour),
    POST: ({ res, state, body }) => {
      state.behaviour = parseBody(behaviourSchema, body);
      sendJson(res, 200, state.behaviour);
    },
  },
  '/__fake/requests': { GET: ({ res, state }) => sendJson(res, 200, state.requests) },
  '/__fake/reset': {
    POST: ({ res, state }) => {
      resetState(state);
      res.writeHead(204);
      res.end();
    },
  },
};

/**
 * Sends Ollama's error body for a failed request. A failure after streaming began ends the stream
 * with an error line instead, as Ollama does.
 */
function sendFailure(res: ServerResponse, state: FakeState, path: string, error: unknown): void {
  const status = error instanceof HttpError ? error.status : 500;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof FixtureError) state.log.error({ path, err: message }, 'fixture rules failed');
  else if (!(error instanceof HttpError)) state.log.error({ path, err: error }, 'request failed');

  if (!res.headersSent) {
    sendError(res, status, message);
    return;
  }
  writeNdjson(res, { error: message });
  res.end();
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, state: FakeState, closing: AbortSignal): Promise<void> {
  const started = Date.now();
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://fake-ollama').pathname;
  res.on('finish', () => state.log.debug({ method, path, status: res.statusCode, ms: Date.now() - started }, 'request finished'));

  // Ollama's router (gin) returns these plain-text bodies for unknown paths and methods. Such calls
  // are still recorded, so a test can see that the app used an endpoint the fake lacks.
  const handler = routes[path]?.[method];
  if (!handler) {
    if (!path.startsWith(CONTROL_PREFIX)) state.requests.push(describeRequest(method, path, undefined));
    if (routes[path]) sendText(res, 405, '405 method not allowed');
    else sendText(res, 404, '404 page not found');
    return;
  }

  const disconnected = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) disconnected.abort(new Error('the client disconnected'));
  });
  const signal = AbortSignal.any([disconnected.signal, closing]);

  let body: unknown;
  let bodyError: unknown;
  if (method !== 'GET' && method !== 'HEAD') {
    try {
      body = await readJsonBody(req);
    } catch (error) {
      bodyError = error;
    }
  }
  if (!path.startsWith(CONTROL_PREFIX)) state.requests.push(describeRequest(method, path, body));

  try {
    if (bodyError) throw bodyError;
    await handler({ req, res, state, body, signal });
  } catch (error) {
    // No client is left to respond to when it disconnected or the server is closing.
    if (signal.aborted) {
      res.destroy();
      return;
    }
    sendFailure(res, state, path, error);
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Starts one fake Ollama server on a loopback address. */
export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(`The fake Ollama listens on loopback only, but host is "${host}". Use 127.0.0.1, ::1 or localhost.`);
  }
  if (options.fixturesDir !== undefined && !existsSync(options.fixturesDir)) {
    throw new Error(`The fixtures folder ${path.resolve(options.fixturesDir)} does not exist. Create it or fix the path.`);
  }
  const name = options.name ?? 'ollama';
  const state: FakeState = {
    name,
    fixturesDir: options.fixturesDir,
    behaviour: { mode: 'normal' },
    requests: [],
    models: new ModelRegistry(options.models ?? []),
    pullDurationMs: options.pullDurationMs ?? DEFAULT_PULL_DURATION_MS,
    log: pino({ name: `fake-ollama:${name}`, level: options.logLevel ?? process.env.FAKE_OLLAMA_LOG_LEVEL ?? 'warn' }),
  };

  const closing = new AbortController();
  const server = createServer((req, res) => void handleRequest(req, res, state, closing.signal));
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.log.info({ url, models: state.models.list().map((model) => model.name), fixturesDir: state.fixturesDir }, 'fake Ollama listening');

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    requests: () => structuredClone(state.requests),
    setBehaviour: (behaviour) => {
      state.behaviour = behaviourSchema.parse(behaviour);
    },
    reset: () => resetState(state),
    close: () => {
      closed ??= (async () => {
        // Aborting ends hanging and streaming calls, and closing the connections ends idle keep-alive ones.
        closing.abort(new Error('the fake Ollama server is closing'));
        const stopped = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
        server.closeAllConnections();
        await stopped;
        state.log.info({ url }, 'fake Ollama closed');
      })();
      return closed;
    },
  };
}
