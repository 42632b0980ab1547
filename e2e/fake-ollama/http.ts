import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

/** An error sent to the client as Ollama's error body, `{"error": message}`, with the given status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * Request bodies above this size are rejected with 413. Ollama itself sets no limit, so this one only
 * keeps a runaway test from filling the memory. A base64 page image at 300 dpi is a few megabytes.
 */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

/** Reads and parses a JSON request body, or returns undefined when the body is empty. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }

  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, `invalid JSON in request body: ${(error as Error).message}`);
  }
}

/** Validates a parsed body against a schema. An empty body gets Ollama's 400 "missing request body". */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined) throw new HttpError(400, 'missing request body');
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
    throw new HttpError(400, `invalid request: ${field}: ${issue.message}`);
  }
  return result.data;
}

/** Sends a JSON body with the content type Ollama's server (gin) uses. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Starts a streamed response: newline-delimited JSON, one object per line, as Ollama streams. */
export function startNdjson(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
}

export function writeNdjson(res: ServerResponse, value: unknown): void {
  res.write(`${JSON.stringify(value)}\n`);
}

/** Never resolves, and rejects with the signal's reason once it aborts. */
export function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
