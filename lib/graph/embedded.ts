import { and, eq, inArray, notExists, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { graphEdges, graphNodes } from '../db/schema';
import { compactProperties, nodeIds } from './build';
import { shapeGraph } from './query';
import type { ClientGraph, GraphLink, GraphNode, GraphProperties, GraphQuery, GraphResult, GraphStore } from './types';

/** Rows per INSERT, well inside PostgreSQL's 65,535 bound parameters. */
const BATCH = 1000;

/** The edges a query may see: one client's, a list of clients', or all. An empty list sees none. */
function edgeScope(query: GraphQuery) {
  if (query.clientId) return eq(graphEdges.clientId, query.clientId);
  if (query.clientIds) return query.clientIds.length > 0 ? inArray(graphEdges.clientId, query.clientIds) : sql`false`;
  return undefined;
}

function clientNodeScope(query: GraphQuery) {
  if (query.clientId) return eq(graphNodes.id, nodeIds.client(query.clientId));
  if (query.clientIds) return query.clientIds.length > 0 ? inArray(graphNodes.id, query.clientIds.map(nodeIds.client)) : sql`false`;
  return eq(graphNodes.type, 'Client');
}

function chunks<T>(rows: T[]): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += BATCH) batches.push(rows.slice(start, start + BATCH));
  return batches;
}

/** The default graph store: two tables in the records database. */
export class EmbeddedGraphStore implements GraphStore {
  readonly kind = 'embedded' as const;

  constructor(private readonly db: Db) {}

  async ping(): Promise<void> {
    await this.db.execute(sql`select 1`);
  }

  async upsertClient(client: { id: string; name: string }): Promise<void> {
    const id = nodeIds.client(client.id);
    await this.db
      .insert(graphNodes)
      .values({ id, clientId: client.id, type: 'Client', label: client.name, properties: { clientId: client.id } })
      .onConflictDoUpdate({ target: graphNodes.id, set: { label: client.name, updatedAt: sql`now()` } });
  }

  async replaceClientGraph(graph: ClientGraph): Promise<void> {
    await this.db.transaction(async (transaction) => {
      const tx = transaction as unknown as Db;
      const ids = graph.nodes.map((node) => node.id);
      await tx.delete(graphEdges).where(eq(graphEdges.clientId, graph.clientId));
      await tx.delete(graphNodes).where(and(eq(graphNodes.clientId, graph.clientId), ids.length > 0 ? notInArray(graphNodes.id, ids) : undefined));

      for (const batch of chunks(graph.nodes)) {
        await tx
          .insert(graphNodes)
          .values(batch.map((node) => ({ id: node.id, clientId: node.clientId, type: node.type, label: node.label, properties: compactProperties(node.properties) })))
          .onConflictDoUpdate({ target: graphNodes.id, set: { label: sql`excluded.label`, properties: sql`excluded.properties`, clientId: sql`excluded.client_id`, updatedAt: sql`now()` } });
      }
      for (const batch of chunks(graph.links)) {
        await tx
          .insert(graphEdges)
          .values(batch.map((link) => ({ source: link.source, target: link.target, type: link.type, properties: compactProperties(link.properties ?? {}), clientId: graph.clientId })))
          .onConflictDoNothing();
      }
      await new EmbeddedGraphStore(tx).removeOrphanCreditors();
    });
  }

  async removeDocument(documentId: string): Promise<void> {
    await this.db.transaction(async (transaction) => {
      const tx = transaction as unknown as Db;
      const [document] = await tx.delete(graphNodes).where(eq(graphNodes.id, nodeIds.document(documentId))).returning({ clientId: graphNodes.clientId });
      if (!document?.clientId) return;

      const mentioned = tx.select({ one: sql`1` }).from(graphEdges).where(and(eq(graphEdges.source, graphNodes.id), eq(graphEdges.type, 'MENTIONED_IN')));
      await tx.delete(graphNodes).where(and(eq(graphNodes.clientId, document.clientId), eq(graphNodes.type, 'Debt'), notExists(mentioned)));
      const linked = tx.select({ one: sql`1` }).from(graphEdges).where(eq(graphEdges.target, graphNodes.id));
      await tx.delete(graphNodes).where(and(eq(graphNodes.clientId, document.clientId), inArray(graphNodes.type, ['Deadline', 'CourtClaim']), notExists(linked)));
      await new EmbeddedGraphStore(tx).removeOrphanCreditors();
    });
  }

  async removeClient(clientId: string): Promise<void> {
    await this.db.transaction(async (transaction) => {
      const tx = transaction as unknown as Db;
      await tx.delete(graphEdges).where(eq(graphEdges.clientId, clientId));
      await tx.delete(graphNodes).where(eq(graphNodes.clientId, clientId));
      await new EmbeddedGraphStore(tx).removeOrphanCreditors();
    });
  }

  async countClientNodes(clientId: string): Promise<number> {
    const [row] = await this.db
      .select({ count: sql<number>`count(*)::int` })
      .from(graphNodes)
      .where(or(eq(graphNodes.clientId, clientId), sql`${graphNodes.properties}->>'clientId' = ${clientId}`));
    const [edges] = await this.db.select({ count: sql<number>`count(*)::int` }).from(graphEdges).where(eq(graphEdges.clientId, clientId));
    return row.count + edges.count;
  }

  async getGraph(query: GraphQuery): Promise<GraphResult> {
    const edgeRows = await this.db
      .select({ source: graphEdges.source, target: graphEdges.target, type: graphEdges.type, properties: graphEdges.properties })
      .from(graphEdges)
      .where(edgeScope(query));

    // Subqueries rather than a list of ids, which for a large graph would pass PostgreSQL's limit of bound parameters.
    const sources = this.db.select({ id: graphEdges.source }).from(graphEdges).where(edgeScope(query));
    const targets = this.db.select({ id: graphEdges.target }).from(graphEdges).where(edgeScope(query));
    const nodeRows = await this.db
      .select()
      .from(graphNodes)
      .where(or(clientNodeScope(query), inArray(graphNodes.id, sources), inArray(graphNodes.id, targets)));
    const nodes = new Map<string, GraphNode>();
    for (const row of nodeRows) {
      nodes.set(row.id, { id: row.id, type: row.type as GraphNode['type'], label: row.label, clientId: row.clientId, properties: row.properties as GraphProperties });
    }
    const links = edgeRows.map((edge): GraphLink => ({ source: edge.source, target: edge.target, type: edge.type as GraphLink['type'], properties: edge.properties as GraphProperties }));
    return shapeGraph(query, { nodes: [...nodes.values()], links });
  }

  async close(): Promise<void> {}

  private async removeOrphanCreditors(): Promise<void> {
    const touching = this.db
      .select({ one: sql`1` })
      .from(graphEdges)
      .where(or(eq(graphEdges.source, graphNodes.id), eq(graphEdges.target, graphNodes.id)));
    await this.db.delete(graphNodes).where(and(eq(graphNodes.type, 'Creditor'), notExists(touching)));
  }
}
