import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { documentPages, documents } from '../schema';

export type DocumentRecord = typeof documents.$inferSelect;
export type DocumentScope = DocumentRecord['scope'];
export type PageRecord = typeof documentPages.$inferSelect;

export async function createDocument(
  db: Db,
  values: { scope: DocumentScope; clientId: string | null; uploadLinkId?: string | null; filename: string; mimeType: string; sizeBytes: number; sha256: string },
): Promise<DocumentRecord> {
  const [document] = await db.insert(documents).values(values).returning();
  return document;
}

export async function getDocumentById(db: Db, { id }: { id: string }): Promise<DocumentRecord | undefined> {
  const [document] = await db.select().from(documents).where(eq(documents.id, id));
  return document;
}

/** Lists the documents of one client, or of the knowledge base when clientId is null. */
export async function listDocuments(db: Db, { clientId }: { clientId: string | null }): Promise<DocumentRecord[]> {
  const where = clientId === null ? and(eq(documents.scope, 'knowledge'), isNull(documents.clientId)) : eq(documents.clientId, clientId);
  return db.select().from(documents).where(where).orderBy(desc(documents.createdAt));
}

/** Returns a document with these exact bytes in the same place: one client's documents, or the knowledge base. */
export async function findDocumentBySha256(db: Db, { clientId, sha256 }: { clientId: string | null; sha256: string }): Promise<DocumentRecord | undefined> {
  const where = clientId === null ? and(eq(documents.scope, 'knowledge'), isNull(documents.clientId)) : eq(documents.clientId, clientId);
  const [document] = await db.select().from(documents).where(and(where, eq(documents.sha256, sha256))).limit(1);
  return document;
}

export async function getDocumentsByIds(db: Db, { ids }: { ids: string[] }): Promise<DocumentRecord[]> {
  if (ids.length === 0) return [];
  return db.select().from(documents).where(inArray(documents.id, ids));
}

export async function updateDocument(
  db: Db,
  { id, ...values }: { id: string } & Partial<Pick<DocumentRecord, 'status' | 'stage' | 'pagesTotal' | 'pagesDone' | 'errorCode' | 'errorMessage' | 'warnings'>>,
): Promise<void> {
  await db.update(documents).set({ ...values, updatedAt: sql`now()` }).where(eq(documents.id, id));
}

export async function deleteDocumentById(db: Db, { id }: { id: string }): Promise<boolean> {
  const deleted = await db.delete(documents).where(eq(documents.id, id)).returning({ id: documents.id });
  return deleted.length > 0;
}

export async function savePage(db: Db, page: typeof documentPages.$inferInsert): Promise<void> {
  await db
    .insert(documentPages)
    .values(page)
    .onConflictDoUpdate({
      target: [documentPages.documentId, documentPages.pageNumber],
      set: { method: page.method, markdown: page.markdown, note: page.note ?? null },
    });
}

export async function listPages(db: Db, { documentId }: { documentId: string }): Promise<PageRecord[]> {
  return db.select().from(documentPages).where(eq(documentPages.documentId, documentId)).orderBy(asc(documentPages.pageNumber));
}

/** Removes what processing produced for a document, before it is processed again. */
export async function deletePages(db: Db, { documentId }: { documentId: string }): Promise<void> {
  await db.delete(documentPages).where(eq(documentPages.documentId, documentId));
}

/**
 * Counts the documents of the given document's owner (its client, or the knowledge base) that are
 * queued or being processed, itself included: its turn among them when queues take owners in turn.
 */
export async function ownerTurn(db: Db, { documentId }: { documentId: string }): Promise<number> {
  const [row] = await db
    .select({ turn: count() })
    .from(documents)
    .where(
      and(
        inArray(documents.status, ['queued', 'processing']),
        sql`coalesce(${documents.clientId}::text, 'knowledge') = (select coalesce(owner.client_id::text, 'knowledge') from ${documents} owner where owner.id = ${documentId})`,
      ),
    );
  return Math.max(1, row.turn);
}
