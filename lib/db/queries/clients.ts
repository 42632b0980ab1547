import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { clients, documents } from '../schema';

export type ClientSummary = { id: string; name: string; createdAt: Date; documentCount: number; readyCount: number; failedCount: number };

export async function createClient(db: Db, { name }: { name: string }) {
  const [client] = await db.insert(clients).values({ name }).returning();
  return client;
}

const summaryColumns = {
  id: clients.id,
  name: clients.name,
  createdAt: clients.createdAt,
  documentCount: sql<number>`count(${documents.id})::int`,
  readyCount: sql<number>`count(${documents.id}) filter (where ${documents.status} = 'ready')::int`,
  failedCount: sql<number>`count(${documents.id}) filter (where ${documents.status} = 'failed')::int`,
};

export async function listClients(db: Db): Promise<ClientSummary[]> {
  return db
    .select(summaryColumns)
    .from(clients)
    .leftJoin(documents, eq(documents.clientId, clients.id))
    .groupBy(clients.id)
    .orderBy(asc(clients.name));
}

export async function getClientById(db: Db, { id }: { id: string }): Promise<ClientSummary | undefined> {
  const [client] = await db
    .select(summaryColumns)
    .from(clients)
    .leftJoin(documents, eq(documents.clientId, clients.id))
    .where(eq(clients.id, id))
    .groupBy(clients.id);
  return client;
}

/** Deletes the client row; documents, pages, chunks, debts and letters go with it by cascade. */
export async function deleteClientById(db: Db, { id }: { id: string }): Promise<boolean> {
  const deleted = await db.delete(clients).where(eq(clients.id, id)).returning({ id: clients.id });
  return deleted.length > 0;
}

/** Returns the names of the clients with these ids, as id → name; ids of erased clients are left out. */
export async function getClientNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: clients.id, name: clients.name }).from(clients).where(inArray(clients.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}
