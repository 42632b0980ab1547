import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { AppError } from '../errors';
import { OllamaModels } from './ollama';

/** A server that accepts a pull and then reports, as Ollama does in its stream, that it could not reach the model library. */
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    response.write(`${JSON.stringify({ status: 'pulling manifest' })}\n`);
    response.end(`${JSON.stringify({ error: 'pull model manifest: dial tcp: lookup registry.ollama.ai: no such host' })}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('OllamaModels.pull', () => {
  it('running server that cannot fetch the model', async () => {
    const models = new OllamaModels(parseConfig({ OLLAMA_VISION_URL: url }));
    const failure = await (async () => {
      for await (const part of models.pull('vision', 'llava:7b')) expect(part.status).toBe('pulling manifest');
    })().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).message).toMatch(/is running but could not download "llava:7b": pull model manifest/);
    expect((failure as AppError).message).not.toMatch(/Cannot reach/);
  });
});
