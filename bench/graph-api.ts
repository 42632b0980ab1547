// Measures the /api/graph query path on both graph stores at 1,000 and 10,000 nodes: the store's
// getGraph (scope, filters, node cap) and the JSON the route sends. The reference, timed in the same
// run, is the plain database query that returns the same rows: SELECT on the embedded store's tables,
// MATCH on Neo4j. It prints each median time and the ratio, where 3 means three times as long as the
// plain query. Sign-in and the audit row, the rest of a request, are the same on both stores
// and are left out.
//
//   npx tsx bench/graph-api.ts
//
// BENCH_REPEATS sets the timed runs per measure (default 7, after 2 warm-up runs). A Neo4j server is
// started from scripts/lib/neo4j.mjs unless BENCH_NEO4J_URI (with BENCH_NEO4J_USER and
// BENCH_NEO4J_PASSWORD) points at one; the embedded store runs on PGlite in memory.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import neo4j from 'neo4j-driver';
import { parseConfig } from '../lib/config';
import { openDatabase, type Database } from '../lib/db/client';
import { clients } from '../lib/db/schema';
import { nodeIds } from '../lib/graph/build';
import { EmbeddedGraphStore } from '../lib/graph/embedded';
import { Neo4jGraphStore, type Neo4jSettings } from '../lib/graph/neo4j';
import type { ClientGraph, GraphLink, GraphNode, GraphQuery, GraphStore } from '../lib/graph/types';
import { startNeo4j } from '../scripts/lib/neo4j.mjs';

const repeats = Number(process.env.BENCH_REPEATS ?? 7);
const WARM_UP = 2;
/** Nodes per generated client: the client, 10 documents, 20 debts, 8 deadlines and a court claim. */
const NODES_PER_CLIENT = 40;
/** One creditor for every 50 nodes, shared by the clients at random, so popular creditors become hubs. */
const NODES_PER_CREDITOR = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(run: () => Promise<unknown>): Promise<number> {
  for (let index = 0; index < WARM_UP; index++) await run();
  const samples: number[] = [];
  for (let index = 0; index < repeats; index++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** Generates the graphs of enough clients for about `total` nodes. The seeded random numbers give both stores graphs of the same shape. */
function generateGraphs(total: number): ClientGraph[] {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const creditorKeys = Array.from({ length: Math.max(1, Math.round(total / NODES_PER_CREDITOR)) }, (_, index) => `bench creditor ${index}`);
  const clientCount = Math.max(1, Math.round((total - creditorKeys.length) / NODES_PER_CLIENT));

  return Array.from({ length: clientCount }, (_, clientIndex) => {
    const clientId = crypto.randomUUID();
    const nodes: GraphNode[] = [{ id: nodeIds.client(clientId), type: 'Client', label: `Bench client ${clientIndex}`, clientId, properties: { clientId } }];
    const links: GraphLink[] = [];
    const documents = Array.from({ length: 10 }, () => crypto.randomUUID());
    for (const documentId of documents) {
      nodes.push({ id: nodeIds.document(documentId), type: 'Document', label: `letter-${documentId.slice(0, 6)}.pdf`, clientId, properties: { documentId } });
      links.push({ source: nodeIds.client(clientId), target: nodeIds.document(documentId), type: 'HAS_DOCUMENT' });
    }
    const creditorsUsed = new Set<string>();
    for (let debtIndex = 0; debtIndex < 20; debtIndex++) {
      const debtId = crypto.randomUUID();
      const amount = Math.round(random() * 500_000) / 100;
      const priority = random() < 0.3;
      const key = creditorKeys[Math.floor(random() ** 2 * creditorKeys.length)];
      const reference = String(Math.floor(random() * 1e12)).padStart(12, '0');
      nodes.push({ id: nodeIds.debt(debtId), type: 'Debt', label: `£${amount.toFixed(2)}`, clientId, properties: { debtId, amount, priority, currency: 'GBP', accountReference: reference, references: [reference], documentType: 'credit_card_statement', mentionCount: 2 } });
      if (!creditorsUsed.has(key)) nodes.push({ id: nodeIds.creditor(key), type: 'Creditor', label: key, clientId: null, properties: { key, name: key, aliases: [key.toUpperCase()] } });
      creditorsUsed.add(key);
      links.push({ source: nodeIds.client(clientId), target: nodeIds.debt(debtId), type: 'OWES', properties: { amount, priority } });
      links.push({ source: nodeIds.debt(debtId), target: nodeIds.creditor(key), type: 'OWED_TO', properties: { amount, priority } });
      for (const documentId of [documents[debtIndex % 10], documents[(debtIndex + 3) % 10]]) {
        links.push({ source: nodeIds.debt(debtId), target: nodeIds.document(documentId), type: 'MENTIONED_IN', properties: { pageNumber: 1, pages: [1] } });
      }
      if (debtIndex < 8) {
        const date = `2026-${String(1 + (debtIndex % 12)).padStart(2, '0')}-15`;
        nodes.push({ id: nodeIds.deadline(debtId, date), type: 'Deadline', label: date, clientId, properties: { date, what: 'Reply to the creditor' } });
        links.push({ source: nodeIds.debt(debtId), target: nodeIds.deadline(debtId, date), type: 'HAS_DEADLINE' });
      }
      if (debtIndex === 0) {
        const claim = `K${clientIndex.toString(36).toUpperCase().padStart(7, '0')}`;
        nodes.push({ id: nodeIds.courtClaim(clientId, claim), type: 'CourtClaim', label: claim, clientId, properties: { claimNumber: claim } });
        links.push({ source: nodeIds.debt(debtId), target: nodeIds.courtClaim(clientId, claim), type: 'CLAIMED_IN' });
      }
    }
    return { clientId, nodes, links };
  });
}

type Subject = {
  name: string;
  store: GraphStore;
  /** Empties the store before the next size is loaded. */
  clear: () => Promise<void>;
  /** Adds a client's row where the store needs one. */
  addClient: (graph: ClientGraph) => Promise<void>;
  /** The plain query returning the rows of the scope: every link, and every node they touch. */
  reference: (clientIds?: string[]) => Promise<number>;
};

function embeddedSubject(database: Database): Subject {
  const { db } = database;
  return {
    name: 'embedded (PGlite)',
    store: new EmbeddedGraphStore(db),
    clear: async () => {
      await db.execute(sql`delete from graph_edges`);
      await db.execute(sql`delete from graph_nodes`);
      await db.execute(sql`delete from clients`);
    },
    addClient: async (graph) => {
      await db.insert(clients).values({ id: graph.clientId, name: graph.nodes[0].label });
    },
    reference: async (clientIds) => {
      const scope = clientIds ? sql`where client_id in (${sql.join(clientIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
      const edges = await db.execute(sql`select source, target, type, properties from graph_edges ${scope}`);
      const nodes = await db.execute(sql`select * from graph_nodes where id in (select source from graph_edges ${scope}) or id in (select target from graph_edges ${scope})`);
      return JSON.stringify([edges, nodes]).length;
    },
  };
}

function neo4jSubject(settings: Neo4jSettings): Subject & { close: () => Promise<void> } {
  const store = new Neo4jGraphStore(settings);
  const driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password));
  const run = async (query: string, parameters: Record<string, unknown> = {}) => {
    const session = driver.session();
    try {
      return await session.run(query, parameters);
    } finally {
      await session.close();
    }
  };
  return {
    name: 'Neo4j 5.26',
    store,
    clear: async () => {
      await run('MATCH (n:Entity) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
    },
    addClient: async () => undefined,
    reference: async (clientIds) => {
      const where = clientIds ? 'a.clientId IN $scope' : 'a.clientId IS NOT NULL';
      const links = await run(`MATCH (a:Entity)-[r]->(b:Entity) WHERE ${where} RETURN a.id, type(r), b.id, properties(r)`, { scope: clientIds ?? [] });
      const ids = [...new Set(links.records.flatMap((record) => [record.get(0), record.get(2)]))];
      const nodes = await run('MATCH (n:Entity) WHERE n.id IN $ids RETURN properties(n)', { ids });
      return links.records.length + nodes.records.length;
    },
    close: async () => {
      await store.close();
      await driver.close();
    },
  };
}

function row(cells: (string | number)[]): string {
  return cells.map((cell, index) => (index === 0 ? String(cell).padEnd(46) : String(cell).padStart(12))).join('');
}

async function measure(subject: Subject, total: number): Promise<void> {
  await subject.clear();
  const graphs = generateGraphs(total);
  const loadStarted = performance.now();
  for (const graph of graphs) {
    await subject.addClient(graph);
    await subject.store.replaceClientGraph(graph);
  }
  const nodes = new Set(graphs.flatMap((graph) => graph.nodes.map((node) => node.id))).size;
  console.log(`\n${subject.name}: ${nodes} nodes in ${graphs.length} clients, written in ${Math.round(performance.now() - loadStarted)} ms`);
  console.log(row(['query', 'ours ms', 'plain ms', 'ratio']));

  const oneClient = graphs[0].clientId;
  const cases: { name: string; query: GraphQuery; scope?: string[] }[] = [
    { name: 'all clients, cap 500 (the screen default)', query: { limit: 500 } },
    { name: `all clients, cap ${total} (everything)`, query: { limit: Math.max(total, 500) } },
    { name: 'all clients, search "bench creditor 1"', query: { q: 'bench creditor 1', limit: 500 } },
    { name: 'one client', query: { clientId: oneClient, limit: 500 }, scope: [oneClient] },
  ];
  for (const { name, query, scope } of cases) {
    const ours = await time(async () => JSON.stringify(await subject.store.getGraph(query)));
    const plain = await time(() => subject.reference(scope));
    console.log(row([name, ours.toFixed(1), plain.toFixed(1), (ours / plain).toFixed(2)]));
  }
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, median of ${repeats} runs after ${WARM_UP} warm-up runs`);
  const neo4jDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rma-bench-neo4j-'));
  const server = process.env.BENCH_NEO4J_URI
    ? { url: process.env.BENCH_NEO4J_URI, user: process.env.BENCH_NEO4J_USER ?? 'neo4j', password: process.env.BENCH_NEO4J_PASSWORD ?? '', stop: async () => undefined }
    : await startNeo4j({ dataDir: neo4jDir });
  const database = await openDatabase(parseConfig({ LOG_LEVEL: 'silent' }), { pgliteDir: 'memory://' });
  const graphDb = neo4jSubject({ uri: server.url, user: server.user, password: server.password });

  try {
    for (const total of [1_000, 10_000]) {
      await measure(embeddedSubject(database), total);
      await measure(graphDb, total);
    }
  } finally {
    await graphDb.close();
    await database.close();
    await server.stop();
    fs.rmSync(neo4jDir, { recursive: true, force: true });
  }
}

await main();
