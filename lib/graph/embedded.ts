import { and, eq, inArray, notExists, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { graphEdges, graphNodes } from '../db/schema';
import { nodeIds } from './build';
import type { DocumentGraph, Graph, GraphNode, GraphQuery, GraphStore } from './types';

/** The edges a query may see: one client's, a list of clients', or all. An empty list sees none. */
function edgeScope(query: GraphQuery) {
  if (query.clientId) return eq(graphEdges.clientId, query.clientId);
  if (query.clientIds) return query.clientIds.length > 0 ? inArray(graphEdges.clientId, query.clientIds) : sql`false`;
  return undefined;
}

/** Node types listed first survive a node cap, so a capped graph keeps its structure. */
const typeOrder: Record<string, number> = { Client: 0, Creditor: 1, Debt: 2, Document: 3, CourtClaim: 4, Deadline: 5 };

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

  async replaceDocumentGraph(graph: DocumentGraph): Promise<void> {
    await this.db.transaction(async (tx) => {
      const store = new EmbeddedGraphStore(tx as unknown as Db);
      await store.removeDocumentContributions(graph.documentId);
      for (const node of graph.nodes) {
        await tx
          .insert(graphNodes)
          .values({ id: node.id, clientId: node.clientId, type: node.type, label: node.label, properties: node.properties })
          .onConflictDoUpdate({ target: graphNodes.id, set: { label: node.label, properties: node.properties, updatedAt: sql`now()` } });
      }
      if (graph.links.length > 0) {
        await tx
          .insert(graphEdges)
          .values(graph.links.map((link) => ({ ...link, properties: link.properties ?? {}, documentId: graph.documentId, clientId: graph.clientId })))
          .onConflictDoNothing();
      }
      await store.removeOrphanCreditors();
    });
  }

  async removeDocument(documentId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const store = new EmbeddedGraphStore(tx as unknown as Db);
      await store.removeDocumentContributions(documentId);
      await store.removeOrphanCreditors();
    });
  }

  async removeClient(clientId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(graphEdges).where(eq(graphEdges.clientId, clientId));
      await tx.delete(graphNodes).where(eq(graphNodes.clientId, clientId));
      await new EmbeddedGraphStore(tx as unknown as Db).removeOrphanCreditors();
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

  async getGraph(query: GraphQuery): Promise<Graph> {
    const edgeRows = await this.db
      .select({ source: graphEdges.source, target: graphEdges.target, type: graphEdges.type, properties: graphEdges.properties })
      .from(graphEdges)
      .where(edgeScope(query));

    const ids = new Set(edgeRows.flatMap((edge) => [edge.source, edge.target]));
    if (query.clientId) ids.add(nodeIds.client(query.clientId));
    const nodeRows = ids.size === 0 ? [] : await this.db.select().from(graphNodes).where(inArray(graphNodes.id, [...ids]));

    let nodes: GraphNode[] = nodeRows.map((row) => ({
      id: row.id,
      type: row.type as GraphNode['type'],
      label: row.label,
      clientId: row.clientId,
      properties: row.properties as GraphNode['properties'],
    }));
    if (query.types && query.types.length > 0) nodes = nodes.filter((node) => query.types!.includes(node.type));
    if (query.q) {
      const needle = query.q.toLowerCase();
      const matches = new Set(nodes.filter((node) => node.label.toLowerCase().includes(needle)).map((node) => node.id));
      const neighbours = new Set(matches);
      for (const edge of edgeRows) {
        if (matches.has(edge.source)) neighbours.add(edge.target);
        if (matches.has(edge.target)) neighbours.add(edge.source);
      }
      nodes = nodes.filter((node) => neighbours.has(node.id));
    }
    nodes.sort((a, b) => (typeOrder[a.type] ?? 9) - (typeOrder[b.type] ?? 9) || a.label.localeCompare(b.label));
    nodes = nodes.slice(0, query.limit);

    const kept = new Set(nodes.map((node) => node.id));
    const links = edgeRows
      .filter((edge) => kept.has(edge.source) && kept.has(edge.target))
      .map((edge) => ({ source: edge.source, target: edge.target, type: edge.type, properties: edge.properties as GraphNode['properties'] }));
    return { nodes, links };
  }

  async close(): Promise<void> {}

  /** Deletes the edges a document produced and the nodes that only it described (its debts, deadlines and itself). */
  private async removeDocumentContributions(documentId: string): Promise<void> {
    await this.db.delete(graphEdges).where(eq(graphEdges.documentId, documentId));
    await this.db.delete(graphNodes).where(sql`${graphNodes.properties}->>'documentId' = ${documentId}`);
  }

  private async removeOrphanCreditors(): Promise<void> {
    const touching = this.db
      .select({ one: sql`1` })
      .from(graphEdges)
      .where(or(eq(graphEdges.source, graphNodes.id), eq(graphEdges.target, graphNodes.id)));
    await this.db.delete(graphNodes).where(and(eq(graphNodes.type, 'Creditor'), notExists(touching)));
  }
}
