import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { AppError } from '../errors';
import { moduleLogger } from '../log';
import { compactProperties, nodeIds } from './build';
import { shapeGraph } from './query';
import { graphLinkTypes, graphNodeTypes, type ClientGraph, type GraphLink, type GraphLinkType, type GraphNode, type GraphNodeType, type GraphProperties, type GraphQuery, type GraphResult, type GraphStore } from './types';

const log = moduleLogger('graph.neo4j');

export type Neo4jSettings = { uri: string; user: string; password: string; database?: string };

/**
 * Properties the store sets on every node from the node's own fields. A graph property of the same
 * name is dropped on write; a client node's `clientId` property is put back on read.
 */
const RESERVED = new Set(['id', 'type', 'label', 'clientId']);
/** Upper bound on the links one query reads, so a runaway scope cannot exhaust the app's memory. */
const MAX_LINKS_READ = 500_000;
/** Rows sent in one UNWIND, so a large client's graph is written in a few round trips. */
const BATCH = 2000;

// One driver per process and server: Next.js may load this module in several bundles, and a driver per
// request or per bundle exhausts connections ("connection acquisition timed out" under load). Each
// store holds a reference; the driver closes when the last store that uses it closes.
const registryKey = Symbol.for('rma-advisor.neo4j-drivers');
type Registry = Map<string, { driver: Driver; users: number }>;

function registry(): Registry {
  const store = globalThis as typeof globalThis & { [registryKey]?: Registry };
  store[registryKey] ??= new Map();
  return store[registryKey];
}

function acquireDriver(settings: Neo4jSettings): Driver {
  const key = `${settings.uri}|${settings.user}`;
  const entry = registry().get(key);
  if (entry) {
    entry.users++;
    return entry.driver;
  }
  const driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
    maxConnectionPoolSize: 100,
    connectionAcquisitionTimeout: 30_000,
    connectionTimeout: 5_000,
    // Retries of a failed transaction stop after this, so an unreachable server delays a document by seconds, not the default 30.
    maxTransactionRetryTime: 5_000,
    userAgent: 'rma-advisor',
  });
  registry().set(key, { driver, users: 1 });
  return driver;
}

async function releaseDriver(settings: Neo4jSettings): Promise<void> {
  const key = `${settings.uri}|${settings.user}`;
  const entry = registry().get(key);
  if (!entry) return;
  entry.users--;
  if (entry.users > 0) return;
  registry().delete(key);
  await entry.driver.close();
}

/** Converts what the driver returns into plain values: 64-bit integers become numbers, lists and maps recursively. */
function toPlain(value: unknown): unknown {
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object' && value.constructor === Object) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toPlain(inner)]));
  return value;
}

function nodeLabel(type: GraphNodeType): string {
  if (!graphNodeTypes.includes(type)) throw new Error(`Unknown graph node type ${type}`);
  return type;
}

function linkType(type: GraphLinkType): string {
  if (!graphLinkTypes.includes(type)) throw new Error(`Unknown graph link type ${type}`);
  return type;
}

function batches<T>(rows: T[]): T[][] {
  const found: T[][] = [];
  for (let start = 0; start < rows.length; start += BATCH) found.push(rows.slice(start, start + BATCH));
  return found;
}

/**
 * The graph store on a Neo4j server. Every node has the label Entity and its type's label, a unique
 * `id`, and `clientId` unless shared; creditors are merged on their normalised `key`. Every link
 * carries the `clientId` of the client it belongs to, so shared creditor nodes are reached only through
 * the links of clients the caller may see.
 */
export class Neo4jGraphStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  private readonly driver: Driver;
  private schema?: Promise<void>;

  constructor(private readonly settings: Neo4jSettings) {
    this.driver = acquireDriver(settings);
  }

  async ping(): Promise<void> {
    await this.read(async (tx) => tx.run('RETURN 1'));
  }

  async upsertClient(client: { id: string; name: string }): Promise<void> {
    await this.write(async (tx) => {
      await tx.run('MERGE (n:Entity {id: $id}) SET n:Client, n.type = "Client", n.label = $name, n.clientId = $clientId', { id: nodeIds.client(client.id), name: client.name, clientId: client.id });
    });
  }

  async replaceClientGraph(graph: ClientGraph): Promise<void> {
    await this.write(async (tx) => {
      await tx.run('MATCH (n:Entity {clientId: $clientId})-[r]->() DELETE r', { clientId: graph.clientId });
      await tx.run('MATCH (n:Entity {clientId: $clientId}) WHERE NOT n.id IN $ids DETACH DELETE n', { clientId: graph.clientId, ids: graph.nodes.map((node) => node.id) });

      for (const type of graphNodeTypes) {
        const rows = graph.nodes.filter((node) => node.type === type).map((node) => ({ id: node.id, key: node.properties.key ?? null, props: nodeProperties(node) }));
        for (const batch of batches(rows)) {
          const merge = type === 'Creditor' ? 'MERGE (n:Creditor {key: row.key}) SET n:Entity' : `MERGE (n:Entity {id: row.id}) SET n:${nodeLabel(type)}`;
          await tx.run(`UNWIND $rows AS row ${merge} SET n = row.props`, { rows: batch });
        }
      }
      for (const type of graphLinkTypes) {
        const rows = graph.links.filter((link) => link.type === type).map((link) => ({ source: link.source, target: link.target, props: { ...compactProperties(link.properties ?? {}), clientId: graph.clientId } }));
        for (const batch of batches(rows)) {
          await tx.run(`UNWIND $rows AS row MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target}) CREATE (a)-[r:${linkType(type)}]->(b) SET r = row.props`, { rows: batch });
        }
      }
      await removeOrphanCreditors(tx);
    });
  }

  async removeDocument(documentId: string): Promise<void> {
    await this.write(async (tx) => {
      const found = await tx.run('MATCH (d:Entity {id: $id}) WITH d, d.clientId AS clientId DETACH DELETE d RETURN clientId', { id: nodeIds.document(documentId) });
      const clientId = found.records[0]?.get('clientId') as string | undefined;
      if (!clientId) return;
      await tx.run('MATCH (debt:Debt {clientId: $clientId}) WHERE NOT (debt)-[:MENTIONED_IN]->() DETACH DELETE debt', { clientId });
      await tx.run('MATCH (n:Entity {clientId: $clientId}) WHERE (n:Deadline OR n:CourtClaim) AND NOT ()-->(n) DELETE n', { clientId });
      await removeOrphanCreditors(tx);
    });
  }

  async removeClient(clientId: string): Promise<void> {
    await this.write(async (tx) => {
      await tx.run('MATCH (n:Entity {clientId: $clientId}) DETACH DELETE n', { clientId });
      await removeOrphanCreditors(tx);
    });
  }

  async countClientNodes(clientId: string): Promise<number> {
    return this.read(async (tx) => {
      const nodes = await tx.run('MATCH (n:Entity {clientId: $clientId}) RETURN count(n) AS count', { clientId });
      const links = await tx.run('MATCH ()-[r]->() WHERE r.clientId = $clientId RETURN count(r) AS count', { clientId });
      return (toPlain(nodes.records[0].get('count')) as number) + (toPlain(links.records[0].get('count')) as number);
    });
  }

  async getGraph(query: GraphQuery): Promise<GraphResult> {
    const scoped = await this.read(async (tx) => {
      const scope = query.clientId ? [query.clientId] : query.clientIds;
      const where = scope ? 'a.clientId IN $scope AND r.clientId = a.clientId' : 'a.clientId IS NOT NULL';
      // Every link starts at a node of its own client (a client, debt or document), so the scope is a
      // filter on the start node's clientId, which has an index.
      const linkRows = await tx.run(
        `MATCH (a:Entity)-[r]->(b:Entity) WHERE ${where} RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS properties LIMIT $max`,
        { scope: scope ?? [], max: neo4j.int(MAX_LINKS_READ) },
      );
      const links = linkRows.records.map((record): GraphLink => {
        const { clientId: _clientId, ...properties } = toPlain(record.get('properties')) as GraphProperties;
        return { source: record.get('source'), target: record.get('target'), type: record.get('type'), properties };
      });

      const ids = new Set(links.flatMap((link) => [link.source, link.target]));
      // Two queries rather than one with OR, which would keep the planner from using the id index.
      const linked = await tx.run('MATCH (n:Entity) WHERE n.id IN $ids RETURN properties(n) AS node', { ids: [...ids] });
      const clients = await tx.run(`MATCH (n:Client) WHERE ${scope ? 'n.clientId IN $scope' : 'true'} RETURN properties(n) AS node`, { scope: scope ?? [] });
      const nodes = new Map<string, GraphNode>();
      for (const record of [...linked.records, ...clients.records]) {
        const node = toGraphNode(toPlain(record.get('node')) as Record<string, unknown>);
        nodes.set(node.id, node);
      }
      return { nodes: [...nodes.values()], links };
    });
    return shapeGraph(query, scoped);
  }

  async close(): Promise<void> {
    await releaseDriver(this.settings);
  }

  /** Creates the constraints and indexes once per store; a failure is retried on the next call. */
  private ensureSchema(): Promise<void> {
    this.schema ??= this.createSchema().catch((error) => {
      this.schema = undefined;
      throw error;
    });
    return this.schema;
  }

  private async createSchema(): Promise<void> {
    const statements = [
      'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
      'CREATE CONSTRAINT creditor_key IF NOT EXISTS FOR (n:Creditor) REQUIRE n.key IS UNIQUE',
      'CREATE INDEX entity_client IF NOT EXISTS FOR (n:Entity) ON (n.clientId)',
    ];
    // Schema commands run in auto-commit transactions, one each.
    const session = this.driver.session({ database: this.settings.database });
    try {
      for (const statement of statements) await session.run(statement);
    } catch (error) {
      throw toGraphError(error);
    } finally {
      await session.close();
    }
    log.info({ uri: this.settings.uri }, 'Neo4j constraints ready');
  }

  private async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.run('read', work);
  }

  private async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.run('write', work);
  }

  private async run<T>(mode: 'read' | 'write', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    await this.ensureSchema();
    const session = this.driver.session({ database: this.settings.database, defaultAccessMode: mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE });
    try {
      return mode === 'read' ? await session.executeRead(work) : await session.executeWrite(work);
    } catch (error) {
      throw toGraphError(error);
    } finally {
      await session.close();
    }
  }
}

function nodeProperties(node: GraphNode): Record<string, unknown> {
  const own = Object.fromEntries(Object.entries(compactProperties(node.properties)).filter(([key]) => !RESERVED.has(key)));
  return { ...own, id: node.id, type: node.type, label: node.label, ...(node.clientId ? { clientId: node.clientId } : {}) };
}

function toGraphNode(stored: Record<string, unknown>): GraphNode {
  const properties = Object.fromEntries(Object.entries(stored).filter(([key]) => !RESERVED.has(key))) as GraphProperties;
  // A client node keeps its client id among its properties too, as the embedded store's does.
  if (stored.type === 'Client') properties.clientId = stored.clientId as string;
  return { id: stored.id as string, type: stored.type as GraphNodeType, label: stored.label as string, clientId: (stored.clientId as string | undefined) ?? null, properties };
}

/**
 * Deletes creditors no link reaches. Each is locked (by setting a property) before it is checked
 * again, so a creditor another transaction has just linked is seen linked and kept.
 */
async function removeOrphanCreditors(tx: ManagedTransaction): Promise<void> {
  await tx.run('MATCH (c:Creditor) WHERE NOT (c)--() SET c.orphanCheckedAt = timestamp() WITH c WHERE NOT (c)--() DELETE c');
}

/** Maps driver errors to the app's error: the server unreachable or the credentials wrong. */
function toGraphError(error: unknown): Error {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') {
    return new AppError('graph_unavailable', 'The graph database (Neo4j) could not be reached. Check that it is running and that NEO4J_URI points at it; the debts themselves are saved.', { cause: error });
  }
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new AppError('graph_unavailable', 'The graph database (Neo4j) rejected the app\'s credentials. Check NEO4J_USER and NEO4J_PASSWORD.', { cause: error });
  }
  return error as Error;
}
