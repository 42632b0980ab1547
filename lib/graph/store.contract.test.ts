import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '@/lib/config';
import { openDatabase, type Database } from '@/lib/db/client';
import { createClient } from '@/lib/db/queries/clients';
import { neo4jSettings } from '@/tests/helpers/services';
import { nodeIds } from './build';
import { EmbeddedGraphStore } from './embedded';
import { Neo4jGraphStore } from './neo4j';
import type { ClientGraph, GraphLink, GraphNode, GraphStore } from './types';

const neo4j = neo4jSettings();

/** A store and a way to make clients it can hold: the embedded store's nodes refer to client rows. */
type Backend = { store: GraphStore; newClient: (name: string) => Promise<{ id: string; name: string }>; close: () => Promise<void> };

const backends: { name: string; skip?: string; open: () => Promise<Backend> }[] = [
  {
    name: 'embedded store',
    open: async () => {
      const database: Database = await openDatabase(parseConfig({}), { pgliteDir: 'memory://' });
      return { store: new EmbeddedGraphStore(database.db), newClient: (name) => createClient(database.db, { name }), close: () => database.close() };
    },
  },
  {
    name: 'Neo4j',
    skip: neo4j.reason,
    open: async () => {
      const store = new Neo4jGraphStore({ uri: neo4j.env!.NEO4J_URI, user: neo4j.env!.NEO4J_USER, password: neo4j.env!.NEO4J_PASSWORD });
      return { store, newClient: async (name) => ({ id: crypto.randomUUID(), name }), close: () => store.close() };
    },
  },
];

/** A creditor key no other test, in this file or another sharing the Neo4j server, uses. */
const uniqueKey = (name: string) => `${name} ${crypto.randomUUID().slice(0, 8)}`;

type DebtSpec = { id?: string; amount: number; priority: boolean; creditorKey: string; originalCreditorKey?: string; documents: { id: string; pages: number[] }[]; deadline?: string; reference?: string };

/** Writes the graph of a client with documents and debts, shaped as buildClientGraph shapes it. */
function clientGraph(client: { id: string; name: string }, documentIds: string[], debts: DebtSpec[]): ClientGraph {
  const nodes: GraphNode[] = [{ id: nodeIds.client(client.id), type: 'Client', label: client.name, clientId: client.id, properties: { clientId: client.id } }];
  const links: GraphLink[] = [];
  const creditors = new Set<string>();
  for (const documentId of documentIds) {
    nodes.push({ id: nodeIds.document(documentId), type: 'Document', label: `${documentId.slice(0, 8)}.pdf`, clientId: client.id, properties: { documentId } });
    links.push({ source: nodeIds.client(client.id), target: nodeIds.document(documentId), type: 'HAS_DOCUMENT' });
  }
  const creditor = (key: string) => {
    if (!creditors.has(key)) nodes.push({ id: nodeIds.creditor(key), type: 'Creditor', label: key, clientId: null, properties: { key, name: key, aliases: [key.toUpperCase(), key] } });
    creditors.add(key);
    return nodeIds.creditor(key);
  };
  for (const debt of debts) {
    const debtId = debt.id ?? crypto.randomUUID();
    const id = nodeIds.debt(debtId);
    nodes.push({
      id,
      type: 'Debt',
      label: `£${debt.amount.toFixed(2)}`,
      clientId: client.id,
      properties: { debtId, amount: debt.amount, priority: debt.priority, currency: 'GBP', accountReference: debt.reference ?? null, references: debt.reference ? [debt.reference.replace(/\s/g, '')] : [], asOfDate: null },
    });
    links.push({ source: nodeIds.client(client.id), target: id, type: 'OWES', properties: { amount: debt.amount, priority: debt.priority } });
    links.push({ source: id, target: creditor(debt.creditorKey), type: 'OWED_TO', properties: { amount: debt.amount, priority: debt.priority } });
    if (debt.originalCreditorKey) links.push({ source: id, target: creditor(debt.originalCreditorKey), type: 'ORIGINALLY_OWED_TO' });
    for (const document of debt.documents) links.push({ source: id, target: nodeIds.document(document.id), type: 'MENTIONED_IN', properties: { pageNumber: document.pages[0], pages: document.pages } });
    if (debt.deadline) {
      nodes.push({ id: nodeIds.deadline(debtId, debt.deadline), type: 'Deadline', label: debt.deadline, clientId: client.id, properties: { date: debt.deadline, what: 'Reply' } });
      links.push({ source: id, target: nodeIds.deadline(debtId, debt.deadline), type: 'HAS_DEADLINE' });
    }
  }
  return { clientId: client.id, nodes, links };
}

describe.each(backends)('graph store on $name', ({ open, skip }) => {
  let backend: Backend;
  let store: GraphStore;

  beforeAll(async () => {
    if (skip) return;
    backend = await open();
    store = backend.store;
  });
  afterAll(async () => {
    await backend?.close();
  });

  test.skipIf(skip)('client graph round trip', async () => {
    const client = await backend.newClient('Contract Graph A');
    const documentId = crypto.randomUUID();
    const bank = uniqueKey('northmere bank');
    const card = uniqueKey('corrivale card services');
    await store.upsertClient(client);
    await store.replaceClientGraph(clientGraph(client, [documentId], [{ amount: 3702.56, priority: false, creditorKey: bank, originalCreditorKey: card, documents: [{ id: documentId, pages: [1, 2] }], deadline: '2026-10-05', reference: '6120 4418 7305' }]));

    const graph = await store.getGraph({ clientId: client.id, limit: 100 });
    expect(graph.nodes.map((node) => node.type).sort()).toEqual(['Client', 'Creditor', 'Creditor', 'Deadline', 'Debt', 'Document']);
    expect(graph.truncated).toBe(false);
    expect(graph.total).toBe(6);

    const debt = graph.nodes.find((node) => node.type === 'Debt')!;
    expect(debt.properties.amount).toBe(3702.56);
    expect(debt.properties.priority).toBe(false);
    expect(debt.properties.references).toEqual(['612044187305']);
    expect('asOfDate' in debt.properties).toBe(false);
    expect(debt.clientId).toBe(client.id);

    const creditor = graph.nodes.find((node) => node.id === nodeIds.creditor(bank))!;
    expect(creditor.clientId).toBeNull();
    expect(creditor.properties.aliases).toEqual([bank.toUpperCase(), bank]);

    const mentioned = graph.links.find((link) => link.type === 'MENTIONED_IN')!;
    expect(mentioned.properties?.pages).toEqual([1, 2]);
    expect(mentioned.properties?.pageNumber).toBe(1);
    const owes = graph.links.find((link) => link.type === 'OWES')!;
    expect(owes.properties).toEqual({ amount: 3702.56, priority: false });
    expect(graph.links.some((link) => link.type === 'ORIGINALLY_OWED_TO' && link.target === nodeIds.creditor(card))).toBe(true);
  });

  test.skipIf(skip)('replacing drops what is gone', async () => {
    const client = await backend.newClient('Contract Graph B');
    const documentId = crypto.randomUUID();
    const first = uniqueKey('first lender');
    const second = uniqueKey('second lender');
    await store.upsertClient(client);
    await store.replaceClientGraph(clientGraph(client, [documentId], [{ amount: 10, priority: false, creditorKey: first, documents: [{ id: documentId, pages: [1] }] }]));
    await store.replaceClientGraph(clientGraph(client, [documentId], [{ amount: 20, priority: true, creditorKey: second, documents: [{ id: documentId, pages: [1] }] }]));

    const graph = await store.getGraph({ clientId: client.id, limit: 100 });
    expect(graph.nodes.filter((node) => node.type === 'Debt').map((node) => node.label)).toEqual(['£20.00']);
    expect(graph.nodes.some((node) => node.id === nodeIds.creditor(first))).toBe(false);
    const everywhere = await store.getGraph({ q: first, limit: 100 });
    expect(everywhere.nodes).toEqual([]);
  });

  test.skipIf(skip)('shared creditor is a hub', async () => {
    const shared = uniqueKey('shared lender');
    const one = await backend.newClient('Contract Graph C');
    const two = await backend.newClient('Contract Graph D');
    const hidden = await backend.newClient('Contract Graph E');
    for (const client of [one, two, hidden]) {
      const documentId = crypto.randomUUID();
      await store.replaceClientGraph(clientGraph(client, [documentId], [{ amount: 5, priority: false, creditorKey: shared, documents: [{ id: documentId, pages: [1] }] }]));
    }

    const mine = await store.getGraph({ clientId: one.id, limit: 100 });
    expect(mine.nodes.some((node) => node.id === nodeIds.client(two.id))).toBe(false);
    expect(mine.links.filter((link) => link.target === nodeIds.creditor(shared))).toHaveLength(1);

    const visible = await store.getGraph({ clientIds: [one.id, two.id], limit: 1000 });
    expect(visible.links.filter((link) => link.target === nodeIds.creditor(shared))).toHaveLength(2);
    expect(visible.nodes.some((node) => node.id === nodeIds.client(hidden.id))).toBe(false);
    const hub = visible.nodes.find((node) => node.id === nodeIds.creditor(shared))!;
    expect(hub.degree).toBe(2);

    const none = await store.getGraph({ clientIds: [], limit: 100 });
    expect(none.nodes).toEqual([]);
  });

  test.skipIf(skip)('document removal keeps shared debts', async () => {
    const client = await backend.newClient('Contract Graph F');
    const [statement, notice] = [crypto.randomUUID(), crypto.randomUUID()];
    const lender = uniqueKey('two letter lender');
    const lonely = uniqueKey('one letter lender');
    const sharedDebt = crypto.randomUUID();
    const aloneDebt = crypto.randomUUID();
    await store.replaceClientGraph(
      clientGraph(client, [statement, notice], [
        { id: sharedDebt, amount: 100, priority: false, creditorKey: lender, documents: [{ id: statement, pages: [1] }, { id: notice, pages: [2] }] },
        { id: aloneDebt, amount: 50, priority: true, creditorKey: lonely, documents: [{ id: notice, pages: [1] }], deadline: '2026-11-01' },
      ]),
    );

    await store.removeDocument(notice);
    const graph = await store.getGraph({ clientId: client.id, limit: 100 });
    const ids = graph.nodes.map((node) => node.id);
    expect(ids).toContain(nodeIds.debt(sharedDebt));
    expect(ids).not.toContain(nodeIds.debt(aloneDebt));
    expect(ids).not.toContain(nodeIds.document(notice));
    expect(ids).not.toContain(nodeIds.deadline(aloneDebt, '2026-11-01'));
    expect(ids).not.toContain(nodeIds.creditor(lonely));
    expect(ids).toContain(nodeIds.creditor(lender));
  });

  test.skipIf(skip)('client removal leaves nothing', async () => {
    const shared = uniqueKey('kept lender');
    const erased = await backend.newClient('Contract Graph G');
    const kept = await backend.newClient('Contract Graph H');
    const own = uniqueKey('erased lender');
    for (const [client, keys] of [[erased, [shared, own]], [kept, [shared]]] as const) {
      const documentId = crypto.randomUUID();
      await store.replaceClientGraph(clientGraph(client, [documentId], keys.map((key) => ({ amount: 1, priority: false, creditorKey: key, documents: [{ id: documentId, pages: [1] }] }))));
    }
    expect(await store.countClientNodes(erased.id)).toBeGreaterThan(0);

    await store.removeClient(erased.id);
    expect(await store.countClientNodes(erased.id)).toBe(0);
    const remaining = await store.getGraph({ clientIds: [kept.id], limit: 100 });
    expect(remaining.nodes.some((node) => node.id === nodeIds.creditor(shared))).toBe(true);
    expect((await store.getGraph({ q: own, limit: 100 })).nodes).toEqual([]);
  });

  test.skipIf(skip)('filters, search and expand', async () => {
    const client = await backend.newClient('Contract Graph I');
    const documentId = crypto.randomUUID();
    const energy = uniqueKey('quillstone energy');
    const card = uniqueKey('corrivale card services');
    const energyDebt = crypto.randomUUID();
    await store.replaceClientGraph(
      clientGraph(client, [documentId], [
        { id: energyDebt, amount: 612.48, priority: true, creditorKey: energy, documents: [{ id: documentId, pages: [1] }], reference: 'QE-30418857' },
        { amount: 3405.46, priority: false, creditorKey: card, documents: [{ id: documentId, pages: [2] }], reference: '6120 4418 7305' },
      ]),
    );

    const creditors = await store.getGraph({ clientId: client.id, types: ['Creditor'], limit: 100 });
    expect(creditors.nodes.map((node) => node.label).sort()).toEqual([card, energy].sort());
    expect(creditors.links).toEqual([]);

    const priority = await store.getGraph({ clientId: client.id, priority: 'priority', limit: 100 });
    expect(priority.nodes.filter((node) => node.type === 'Debt').map((node) => node.label)).toEqual(['£612.48']);
    expect(priority.nodes.some((node) => node.id === nodeIds.creditor(card))).toBe(false);
    expect(priority.nodes.some((node) => node.type === 'Client')).toBe(true);
    const other = await backend.newClient('Contract Graph I2');
    await store.replaceClientGraph(clientGraph(other, [crypto.randomUUID()], []));
    const everyClient = await store.getGraph({ clientIds: [client.id, other.id], priority: 'priority', limit: 100 });
    expect(everyClient.nodes.filter((node) => node.type === 'Client').map((node) => node.clientId)).toEqual([client.id]);

    const byReference = await store.getGraph({ clientId: client.id, q: '6120 4418', limit: 100 });
    expect(byReference.nodes.filter((node) => node.type === 'Debt').map((node) => node.label)).toEqual(['£3405.46']);
    const byAmount = await store.getGraph({ clientId: client.id, q: '3,405.46', limit: 100 });
    expect(byAmount.nodes.filter((node) => node.type === 'Debt').map((node) => node.label)).toEqual(['£3405.46']);
    const byAlias = await store.getGraph({ clientId: client.id, q: energy.toUpperCase(), limit: 100 });
    expect(byAlias.nodes.some((node) => node.id === nodeIds.creditor(energy))).toBe(true);
    expect(byAlias.nodes.some((node) => node.id === nodeIds.debt(energyDebt))).toBe(true);

    const expanded = await store.getGraph({ clientId: client.id, expand: nodeIds.debt(energyDebt), limit: 100 });
    expect(expanded.nodes[0].id).toBe(nodeIds.debt(energyDebt));
    expect(expanded.nodes.map((node) => node.type).sort()).toEqual(['Client', 'Creditor', 'Debt', 'Document']);
    const unknown = await store.getGraph({ clientId: client.id, expand: 'debt:none', limit: 100 });
    expect(unknown.nodes).toEqual([]);
  });

  test.skipIf(skip)('node cap keeps hubs first', async () => {
    const client = await backend.newClient('Contract Graph J');
    const documentId = crypto.randomUUID();
    const hub = uniqueKey('hub lender');
    const debts = Array.from({ length: 60 }, (_, index) => ({ amount: index + 1, priority: false, creditorKey: hub, documents: [{ id: documentId, pages: [1] }] }));
    await store.replaceClientGraph(clientGraph(client, [documentId], debts));

    const capped = await store.getGraph({ clientId: client.id, limit: 50 });
    expect(capped.nodes).toHaveLength(50);
    expect(capped.truncated).toBe(true);
    expect(capped.total).toBe(63);
    expect(capped.nodes.slice(0, 3).map((node) => node.type).sort()).toEqual(['Client', 'Creditor', 'Document']);
    expect(capped.nodes[0].degree).toBe(61);
  });

  test.skipIf(skip)('200 concurrent reads succeed', async () => {
    const client = await backend.newClient('Contract Graph K');
    const documentId = crypto.randomUUID();
    await store.replaceClientGraph(clientGraph(client, [documentId], [{ amount: 1, priority: true, creditorKey: uniqueKey('busy lender'), documents: [{ id: documentId, pages: [1] }] }]));

    const answers = await Promise.all(Array.from({ length: 200 }, () => store.getGraph({ clientId: client.id, limit: 50 })));
    expect(answers.every((answer) => answer.nodes.length === 4)).toBe(true);
  });
});
