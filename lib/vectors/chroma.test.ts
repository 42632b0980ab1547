import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { serviceUrl } from '@/tests/helpers/services';
import { ChromaVectorStore, collectionName } from './chroma';

const chroma = serviceUrl('Chroma');

function vector(seed: number): number[] {
  return Array.from({ length: 8 }, (_, index) => Math.sin(seed * (index + 1)));
}

describe('collectionName', () => {
  test('client names come from the id', () => {
    const id = crypto.randomUUID();
    const name = collectionName({ scope: 'client', clientId: id });
    expect(name).toBe(`client-${id}`);
    expect(name.length).toBeLessThanOrEqual(63);
  });

  test('a non-id client is rejected', () => {
    expect(() => collectionName({ scope: 'client', clientId: 'Relatório Final (v2) ß.pdf' })).toThrow(/Invalid client id/);
  });
});

describe.skipIf(chroma.reason)('ChromaVectorStore against a real Chroma server', () => {
  const store = new ChromaVectorStore(chroma.url ?? 'http://127.0.0.1:9');

  test('query returns the nearest record', async () => {
    const scope = { scope: 'client' as const, clientId: crypto.randomUUID() };
    const documentId = crypto.randomUUID();
    await store.upsert(scope, [1, 2, 3].map((seed) => ({ id: `${documentId}:${seed}:0`, embedding: vector(seed), documentId, pageNumber: seed })));

    const matches = await store.query(scope, vector(2), 2);
    expect(matches[0].id).toBe(`${documentId}:2:0`);
    expect(matches).toHaveLength(2);
  });

  test('clients never see each other', async () => {
    const mine = { scope: 'client' as const, clientId: crypto.randomUUID() };
    const theirs = { scope: 'client' as const, clientId: crypto.randomUUID() };
    const documentId = crypto.randomUUID();
    await store.upsert(theirs, [{ id: `${documentId}:1:0`, embedding: vector(5), documentId, pageNumber: 1 }]);

    expect(await store.query(mine, vector(5), 5)).toEqual([]);
  });

  test('large uploads go in batches', async () => {
    const scope = { scope: 'client' as const, clientId: crypto.randomUUID() };
    const documentId = crypto.randomUUID();
    const records = Array.from({ length: 6000 }, (_, index) => ({ id: `${documentId}:1:${index}`, embedding: vector(index), documentId, pageNumber: 1 }));
    await store.upsert(scope, records);
    expect(await store.count(scope, documentId)).toBe(6000);
  });

  test('document and collection deletion', async () => {
    const scope = { scope: 'client' as const, clientId: crypto.randomUUID() };
    const kept = crypto.randomUUID();
    const removed = crypto.randomUUID();
    await store.upsert(scope, [
      { id: `${kept}:1:0`, embedding: vector(1), documentId: kept, pageNumber: 1 },
      { id: `${removed}:1:0`, embedding: vector(2), documentId: removed, pageNumber: 1 },
    ]);

    await store.deleteDocument(scope, removed);
    expect(await store.count(scope, removed)).toBe(0);
    expect(await store.count(scope, kept)).toBe(1);

    await store.deleteCollection(scope);
    expect(await store.count(scope)).toBe(0);
    await expect(store.deleteCollection(scope)).resolves.toBeUndefined();
  });

  test('query after a fresh client needs no embedding function', async () => {
    const reopened = new ChromaVectorStore(chroma.url!);
    const scope = { scope: 'knowledge' as const };
    const documentId = crypto.randomUUID();
    await reopened.upsert(scope, [{ id: `${documentId}:1:0`, embedding: vector(9), documentId, pageNumber: 1 }]);
    const matches = await new ChromaVectorStore(chroma.url!).query(scope, vector(9), 1);
    expect(matches[0].id).toBe(`${documentId}:1:0`);
  });
});

test('unreachable Chroma raises vectors_unavailable', async () => {
  const store = new ChromaVectorStore('http://127.0.0.1:9');
  await expect(store.ping()).rejects.toMatchObject({ code: 'vectors_unavailable' });
});
