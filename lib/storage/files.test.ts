import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { FileStore, sha256 } from './files';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rma-files-'));
const store = new FileStore(root);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test('stored bytes read back unchanged', async () => {
  const id = crypto.randomUUID();
  const bytes = crypto.randomBytes(100_000);
  await store.save(id, bytes);
  expect(sha256(await store.read(id))).toBe(sha256(bytes));
  expect(fs.readdirSync(path.join(root, id.slice(0, 2)))).toEqual([id]);
});

test('names that are not ids are rejected', async () => {
  for (const name of ['../../etc/passwd', 'Relatório Final (v2) ß.pdf', '']) {
    await expect(store.save(name, new Uint8Array([1]))).rejects.toMatchObject({ code: 'invalid_request' });
  }
});

test('missing file is not_found', async () => {
  await expect(store.read(crypto.randomUUID())).rejects.toMatchObject({ code: 'not_found' });
});

test('removal is idempotent', async () => {
  const id = crypto.randomUUID();
  await store.save(id, new Uint8Array([1, 2, 3]));
  await store.remove(id);
  await store.remove(id);
  expect(await store.exists(id)).toBe(false);
});

test('removal leaves no empty folder', async () => {
  const first = crypto.randomUUID();
  const neighbour = `${first.slice(0, 2)}${crypto.randomUUID().slice(2)}`;
  await store.save(first, new Uint8Array([1]));
  await store.save(neighbour, new Uint8Array([2]));
  const folder = path.join(root, first.slice(0, 2));

  await store.remove(first);
  expect(fs.readdirSync(folder)).toEqual([neighbour]);
  await store.remove(neighbour);
  expect(fs.existsSync(folder)).toBe(false);
});
