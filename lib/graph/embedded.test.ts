import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '@/lib/config';
import { openDatabase, type Database } from '@/lib/db/client';
import { createClient } from '@/lib/db/queries/clients';
import { replaceDocumentDebts, type NewDebt } from '@/lib/db/queries/debts';
import { createDocument } from '@/lib/db/queries/documents';
import { buildDocumentGraph, creditorKey, nodeIds } from './build';
import { EmbeddedGraphStore } from './embedded';

let database: Database;
let store: EmbeddedGraphStore;

beforeAll(async () => {
  database = await openDatabase(parseConfig({}), { pgliteDir: 'memory://' });
  store = new EmbeddedGraphStore(database.db);
});
afterAll(() => database.close());

/** Stores a client with one document holding the given debts, and writes the document's graph. */
async function clientWithDebts(name: string, debts: Partial<NewDebt>[]) {
  const client = await createClient(database.db, { name });
  await store.upsertClient(client);
  const document = await createDocument(database.db, { scope: 'client', clientId: client.id, filename: `${name}.pdf`, mimeType: 'application/pdf', sizeBytes: 1, sha256: '0'.repeat(64) });
  const saved = await replaceDocumentDebts(database.db, {
    documentId: document.id,
    rows: debts.map((debt) => ({ clientId: client.id, documentId: document.id, pageNumber: 1, documentType: 'debt_collection', source: 'rules' as const, ...debt })),
  });
  await store.replaceDocumentGraph(buildDocumentGraph({ clientId: client.id, document, debts: saved }));
  return { client, document, saved };
}

describe('creditorKey', () => {
  test('forms of one name share a key', () => {
    expect(creditorKey('NORTHMERE BANK PLC')).toBe(creditorKey('Northmere Bank plc.'));
    expect(creditorKey('Brackwater Portfolio Recoveries Ltd')).toBe('brackwater portfolio recoveries');
  });
});

describe('EmbeddedGraphStore', () => {
  test('document graph has its entities', async () => {
    const { client, document, saved } = await clientWithDebts('Graph Client A', [
      { creditor: 'Brackwater Portfolio Recoveries Ltd', originalCreditor: 'Corrivale Card Services Ltd', amount: '3702.56', deadlines: [{ date: '2026-10-05', what: 'Contact the creditor' }] },
    ]);
    const graph = await store.getGraph({ clientId: client.id, limit: 100 });
    const types = graph.nodes.map((node) => node.type).sort();

    expect(types).toEqual(['Client', 'Creditor', 'Creditor', 'Deadline', 'Debt', 'Document']);
    const debtNode = graph.nodes.find((node) => node.type === 'Debt')!;
    expect(debtNode.label).toBe('£3,702.56');
    expect(debtNode.properties.documentId).toBe(document.id);
    expect(graph.links).toContainEqual(expect.objectContaining({ source: nodeIds.debt(saved[0].id), target: nodeIds.creditor('Corrivale Card Services Ltd'), type: 'ORIGINALLY_OWED_TO' }));
    expect(graph.links).toContainEqual(expect.objectContaining({ source: nodeIds.client(client.id), target: nodeIds.debt(saved[0].id), type: 'OWES' }));
  });

  test('one client graph excludes others', async () => {
    const first = await clientWithDebts('Graph Client B', [{ creditor: 'Shared Lender Ltd', amount: '10.00' }]);
    const second = await clientWithDebts('Graph Client C', [{ creditor: 'Shared Lender Ltd', amount: '20.00' }]);

    const graph = await store.getGraph({ clientId: first.client.id, limit: 100 });
    expect(graph.nodes.some((node) => node.id === nodeIds.client(second.client.id))).toBe(false);
    expect(graph.nodes.filter((node) => node.type === 'Debt').map((node) => node.label)).toEqual(['£10.00']);

    const all = await store.getGraph({ limit: 1000 });
    const shared = all.links.filter((link) => link.target === nodeIds.creditor('Shared Lender Ltd'));
    expect(shared).toHaveLength(2);
  });

  test('removing a document removes its entities', async () => {
    const { client, document } = await clientWithDebts('Graph Client D', [{ creditor: 'Lonely Creditor Ltd', amount: '5.00' }]);
    await store.removeDocument(document.id);

    const graph = await store.getGraph({ clientId: client.id, limit: 100 });
    expect(graph.nodes.map((node) => node.type)).toEqual(['Client']);
    const all = await store.getGraph({ q: 'Lonely', limit: 100 });
    expect(all.nodes).toHaveLength(0);
  });

  test('removing a client leaves nothing', async () => {
    const { client } = await clientWithDebts('Graph Client E', [{ creditor: 'Erased Creditor Ltd', amount: '1.00' }]);
    expect(await store.countClientNodes(client.id)).toBeGreaterThan(0);

    await store.removeClient(client.id);
    expect(await store.countClientNodes(client.id)).toBe(0);
  });

  test('type filter, search and limit', async () => {
    const { client } = await clientWithDebts('Graph Client F', [
      { creditor: 'Alpha Finance Ltd', amount: '1.00' },
      { creditor: 'Beta Energy Ltd', amount: '2.00' },
    ]);
    const creditors = await store.getGraph({ clientId: client.id, types: ['Creditor'], limit: 100 });
    expect(creditors.nodes.map((node) => node.label).sort()).toEqual(['Alpha Finance Ltd', 'Beta Energy Ltd']);
    expect(creditors.links).toEqual([]);

    const searched = await store.getGraph({ clientId: client.id, q: 'beta', limit: 100 });
    expect(searched.nodes.some((node) => node.label === 'Beta Energy Ltd')).toBe(true);
    expect(searched.nodes.some((node) => node.label === 'Alpha Finance Ltd')).toBe(false);

    const capped = await store.getGraph({ clientId: client.id, limit: 2 });
    expect(capped.nodes).toHaveLength(2);
    expect(capped.nodes[0].type).toBe('Client');
  });
});
