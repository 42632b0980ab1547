import { and, asc, eq, isNull, notExists, or, sql } from 'drizzle-orm';
import { summariseMentions, type MentionFacts } from '../../entities/debt-summary';
import type { Db } from '../client';
import { debts, documentPages, documents, mergeProposals, resolvedDebts, type DebtCorrections } from '../schema';

export type ResolvedDebtRecord = typeof resolvedDebts.$inferSelect;
export type MentionRecord = typeof debts.$inferSelect;
/** A mention with its document's name and warnings, and the method that read its page. */
export type MentionWithDocument = MentionRecord & { documentName: string; documentWarnings: string[]; readBy: string | null };
export type MergeProposalRecord = typeof mergeProposals.$inferSelect;

export async function getResolvedDebt(db: Db, { clientId, id }: { clientId: string; id: string }): Promise<ResolvedDebtRecord | undefined> {
  const [row] = await db.select().from(resolvedDebts).where(and(eq(resolvedDebts.id, id), eq(resolvedDebts.clientId, clientId)));
  return row;
}

export async function listResolvedDebts(db: Db, { clientId }: { clientId: string }): Promise<ResolvedDebtRecord[]> {
  return db.select().from(resolvedDebts).where(eq(resolvedDebts.clientId, clientId)).orderBy(asc(resolvedDebts.createdAt), asc(resolvedDebts.id));
}

/** Lists a client's mentions with the names of their documents, oldest first. */
export async function listClientMentions(db: Db, { clientId }: { clientId: string }): Promise<MentionWithDocument[]> {
  const rows = await db
    .select({ mention: debts, documentName: documents.filename, documentWarnings: documents.warnings, readBy: documentPages.method })
    .from(debts)
    .innerJoin(documents, eq(documents.id, debts.documentId))
    .leftJoin(documentPages, and(eq(documentPages.documentId, debts.documentId), eq(documentPages.pageNumber, debts.pageNumber)))
    .where(eq(debts.clientId, clientId))
    .orderBy(asc(debts.createdAt), asc(debts.id));
  return rows.map((row) => ({ ...row.mention, documentName: row.documentName, documentWarnings: row.documentWarnings, readBy: row.readBy }));
}

/** Creates an empty resolved debt for a mention that matches none; `refreshResolvedDebt` fills it. */
export async function createResolvedDebt(db: Db, { clientId, documentType }: { clientId: string; documentType: string }): Promise<ResolvedDebtRecord> {
  const [row] = await db.insert(resolvedDebts).values({ clientId, documentType }).returning();
  return row;
}

export async function linkMention(db: Db, { mentionId, resolvedDebtId }: { mentionId: string; resolvedDebtId: string }): Promise<void> {
  await db.update(debts).set({ resolvedDebtId }).where(eq(debts.id, mentionId));
}

/** Derives a resolved debt's fields again from its mentions; returns false when it has none left. */
export async function refreshResolvedDebt(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .select({ mention: debts, readBy: documentPages.method })
    .from(debts)
    .leftJoin(documentPages, and(eq(documentPages.documentId, debts.documentId), eq(documentPages.pageNumber, debts.pageNumber)))
    .where(eq(debts.resolvedDebtId, id));
  if (rows.length === 0) return false;
  const summary = summariseMentions(rows.map((row) => ({ ...row.mention, readBy: row.readBy })) satisfies MentionFacts[]);
  await db.update(resolvedDebts).set({ ...summary, updatedAt: sql`now()` }).where(eq(resolvedDebts.id, id));
  return true;
}

/** Deletes a client's resolved debts that no mention refers to any more, with their proposals. */
export async function deleteEmptyResolvedDebts(db: Db, { clientId }: { clientId: string }): Promise<string[]> {
  const mentioned = db.select({ one: sql`1` }).from(debts).where(eq(debts.resolvedDebtId, resolvedDebts.id));
  const deleted = await db
    .delete(resolvedDebts)
    .where(and(eq(resolvedDebts.clientId, clientId), notExists(mentioned)))
    .returning({ id: resolvedDebts.id });
  return deleted.map((row) => row.id);
}

export async function setCorrections(db: Db, { id, corrections }: { id: string; corrections: DebtCorrections }): Promise<void> {
  await db.update(resolvedDebts).set({ corrections, updatedAt: sql`now()` }).where(eq(resolvedDebts.id, id));
}

/** Mentions of a client that are not yet linked to a resolved debt, e.g. stored before resolution existed. */
export async function documentsWithUnlinkedMentions(db: Db, { clientId }: { clientId: string }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ documentId: debts.documentId })
    .from(debts)
    .where(and(eq(debts.clientId, clientId), isNull(debts.resolvedDebtId)));
  return rows.map((row) => row.documentId);
}

/** Orders a pair of debt ids as proposals store them: the smaller id first. */
export function proposalPair(a: string, b: string): { debtId: string; otherDebtId: string } {
  return a < b ? { debtId: a, otherDebtId: b } : { debtId: b, otherDebtId: a };
}

/** Returns the proposal about two debts, whatever its status. */
export async function findProposal(db: Db, a: string, b: string): Promise<MergeProposalRecord | undefined> {
  const pair = proposalPair(a, b);
  const [row] = await db.select().from(mergeProposals).where(and(eq(mergeProposals.debtId, pair.debtId), eq(mergeProposals.otherDebtId, pair.otherDebtId)));
  return row;
}

/** Opens a proposal for a pair that has none, open or decided; a rejected pair is never proposed again. */
export async function proposeMerge(db: Db, { clientId, a, b, reason }: { clientId: string; a: string; b: string; reason: MergeProposalRecord['reason'] }): Promise<void> {
  await db
    .insert(mergeProposals)
    .values({ clientId, ...proposalPair(a, b), reason })
    .onConflictDoNothing({ target: [mergeProposals.debtId, mergeProposals.otherDebtId] });
}

export async function listMergeProposals(db: Db, { clientId, status }: { clientId: string; status?: MergeProposalRecord['status'] }): Promise<MergeProposalRecord[]> {
  const where = status ? and(eq(mergeProposals.clientId, clientId), eq(mergeProposals.status, status)) : eq(mergeProposals.clientId, clientId);
  return db.select().from(mergeProposals).where(where).orderBy(asc(mergeProposals.createdAt), asc(mergeProposals.id));
}

export async function getMergeProposal(db: Db, { clientId, id }: { clientId: string; id: string }): Promise<MergeProposalRecord | undefined> {
  const [row] = await db.select().from(mergeProposals).where(and(eq(mergeProposals.id, id), eq(mergeProposals.clientId, clientId)));
  return row;
}

export async function decideMergeProposal(db: Db, { id, status, userId }: { id: string; status: 'accepted' | 'rejected'; userId: string }): Promise<void> {
  await db.update(mergeProposals).set({ status, decidedBy: userId, decidedAt: sql`now()` }).where(eq(mergeProposals.id, id));
}

/** Records that two debts are different debts, as a decided proposal, so resolution never merges or proposes them again. */
export async function keepDebtsApart(db: Db, { clientId, a, b, userId }: { clientId: string; a: string; b: string; userId: string }): Promise<void> {
  const decision = { status: 'rejected' as const, decidedBy: userId, decidedAt: sql`now()` };
  await db
    .insert(mergeProposals)
    .values({ clientId, ...proposalPair(a, b), reason: 'separated-by-advisor', ...decision })
    .onConflictDoUpdate({ target: [mergeProposals.debtId, mergeProposals.otherDebtId], set: decision });
}

/** Puts a decided proposal back in the open list, without its decision. */
export async function reopenMergeProposalRow(db: Db, id: string): Promise<void> {
  await db.update(mergeProposals).set({ status: 'open', decidedBy: null, decidedAt: null }).where(eq(mergeProposals.id, id));
}

/**
 * Moves every mention of `sourceId` to `targetId` and deletes the source. The target keeps its own
 * corrections, and takes the source's only for fields its own letters leave empty: a value an
 * advisor filled in on a copy must not lock the balance the target's letters keep up to date.
 * Proposals between the source and a third debt move to the target unless the target already has
 * one with that debt.
 */
export async function mergeResolvedDebts(db: Db, { targetId, sourceId }: { targetId: string; sourceId: string }): Promise<void> {
  const [target] = await db.select().from(resolvedDebts).where(eq(resolvedDebts.id, targetId));
  const [source] = await db.select().from(resolvedDebts).where(eq(resolvedDebts.id, sourceId));
  await db.update(debts).set({ resolvedDebtId: targetId }).where(eq(debts.resolvedDebtId, sourceId));
  const derived = target as unknown as Record<string, unknown>;
  const inherited = Object.entries(source.corrections).filter(([key]) => key !== 'countInTotals' && derived[key] === null);
  await setCorrections(db, { id: targetId, corrections: { ...Object.fromEntries(inherited), ...target.corrections } });

  const moving = await db
    .select()
    .from(mergeProposals)
    .where(or(eq(mergeProposals.debtId, sourceId), eq(mergeProposals.otherDebtId, sourceId)));
  for (const proposal of moving) {
    const third = proposal.debtId === sourceId ? proposal.otherDebtId : proposal.debtId;
    if (third === targetId) continue;
    await db
      .insert(mergeProposals)
      .values({ clientId: proposal.clientId, ...proposalPair(targetId, third), reason: proposal.reason, status: proposal.status, decidedBy: proposal.decidedBy, decidedAt: proposal.decidedAt })
      .onConflictDoNothing({ target: [mergeProposals.debtId, mergeProposals.otherDebtId] });
  }
  await db.delete(resolvedDebts).where(eq(resolvedDebts.id, sourceId));
  await refreshResolvedDebt(db, targetId);
}

/** Locks a client's row for the rest of the transaction, so two documents of one client resolve one after the other. */
export async function lockClientForResolution(db: Db, clientId: string): Promise<void> {
  await db.execute(sql`select id from clients where id = ${clientId} for update`);
}
