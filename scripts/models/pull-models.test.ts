import crypto from 'node:crypto';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pullModels } from './pull-models';

// The download logic against a local HTTP server, as the model hub cannot be reached from the test machines.

const body = crypto.randomBytes(300_000);
let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url !== '/models/tiny.gguf') return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length, 'accept-ranges': 'none' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rma-pull-'));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('pull downloads a model file', async () => {
  const [file] = await pullModels({ dir, uris: [`${base}/models/tiny.gguf`] });
  expect(path.dirname(file)).toBe(dir);
  expect(fs.readFileSync(file).equals(body)).toBe(true);
});

test('pull keeps a file already there', async () => {
  const [file] = await pullModels({ dir, uris: [`${base}/models/tiny.gguf`] });
  const before = fs.statSync(file).mtimeMs;
  await pullModels({ dir, uris: [`${base}/models/tiny.gguf`] });
  expect(fs.statSync(file).mtimeMs).toBe(before);
});

test('an unreachable hub names the fallback', async () => {
  await expect(pullModels({ dir, uris: ['http://127.0.0.1:9/models/other.gguf'] })).rejects.toThrow(/copy it into/);
});

test('a missing file fails with its URI', async () => {
  await expect(pullModels({ dir, uris: [`${base}/models/absent.gguf`] })).rejects.toThrow(/absent\.gguf/);
});
