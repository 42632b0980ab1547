import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { debts, documents } from '../schema';

export type DebtRecord = typeof debts.$inferSelect;
export type NewDebt = Omit<typeof debts.$inferInsert, 'id' | 'createdAt'>;
export type DebtWithDocument = DebtRecord & { documentName: string };

/** Replaces the debts found in one document, in one transaction. */
export async function replaceDocumentDebts(db: Db, { documentId, rows }: { documentId: string; rows: NewDebt[] }): Promise<DebtRecord[]> {
  return db.transaction(async (tx) => {
    await tx.delete(debts).where(eq(debts.documentId, documentId));
    if (rows.length === 0) return [];
    return tx.insert(debts).values(rows).returning();
  });
}

export async function listClientDebts(db: Db, { clientId }: { clientId: string }): Promise<DebtWithDocument[]> {
  const rows = await db
    .select({ debt: debts, documentName: documents.filename })
    .from(debts)
    .innerJoin(documents, eq(documents.id, debts.documentId))
    .where(eq(debts.clientId, clientId))
    .orderBy(asc(debts.priority), asc(debts.creditor));
  return rows.map((row) => ({ ...row.debt, documentName: row.documentName }));
}
