import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { clientCreditorKeys, deleteOrphanCreditors, resolveCreditor } from '../db/queries/creditors';
import type { NewDebt } from '../db/queries/debts';
import {
  createResolvedDebt,
  deleteEmptyResolvedDebts,
  documentsWithUnlinkedMentions,
  findProposal,
  linkMention,
  listResolvedDebts,
  lockClientForResolution,
  mergeResolvedDebts,
  proposeMerge,
  refreshResolvedDebt,
  type MentionRecord,
  type ResolvedDebtRecord,
} from '../db/queries/resolved-debts';
import { debts } from '../db/schema';
import { moduleLogger } from '../log';
import { penceOf } from './amounts';
import { normaliseOrganisationName } from './creditors';
import { compareDebts, mentionReferences, type DebtIdentity } from './debt-identity';
import type { ExtractionResult } from './types';

const log = moduleLogger('entities.resolution');

/** Turns the debts extracted from one document into its mention rows. */
export function mentionRows({ clientId, documentId }: { clientId: string; documentId: string }, extraction: ExtractionResult): NewDebt[] {
  return extraction.debts.map((debt) => ({
    clientId,
    documentId,
    pageNumber: debt.pageNumber,
    creditor: debt.creditor,
    originalCreditor: debt.originalCreditor,
    collectingAgent: debt.collectingAgent,
    amount: debt.amount,
    currency: 'GBP',
    accountReference: debt.accountReference,
    originalAccountReference: debt.originalAccountReference,
    courtClaimNumber: debt.courtClaimNumber,
    otherReferences: debt.otherReferences,
    documentType: debt.documentType,
    priority: debt.priority,
    asOfDate: debt.asOfDate,
    deadlines: debt.deadlines,
    description: debt.description,
    source: extraction.source,
  }));
}

/** Changes made by resolving one document: the resolved debts it touched and those it left empty and removed. */
export type ResolutionOutcome = { mentions: MentionRecord[]; linked: string[]; removed: string[]; proposals: number };

/**
 * Replaces the debts found in one document (its mentions) and resolves each against the client's
 * other debts, in one transaction: the same debt in three letters becomes one resolved debt with a
 * balance history, and uncertain matches become merge proposals. A document processed again keeps
 * the resolved debts its earlier mentions had, so the advisor's corrections, locks and decisions
 * survive re-extraction. Resolved debts left with no mention are deleted.
 */
export async function saveDocumentDebts(db: Db, { clientId, documentId, rows }: { clientId: string; documentId: string; rows: NewDebt[] }): Promise<ResolutionOutcome> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await lockClientForResolution(tx, clientId);
    const previous = await tx.delete(debts).where(eq(debts.documentId, documentId)).returning();
    const inserted = rows.length === 0 ? [] : await tx.insert(debts).values(rows).returning();
    const outcome = await resolveMentions(tx, clientId, inserted, previous);
    log.info({ clientId, documentId, mentions: inserted.length, linked: outcome.linked.length, removed: outcome.removed.length, proposals: outcome.proposals }, 'document debts resolved');
    return outcome;
  });
}

/**
 * Removes a document's mentions before the document is deleted: resolved debts it alone mentioned go,
 * the others are derived again from their remaining letters, and creditors nothing refers to go too.
 */
export async function removeDocumentDebts(db: Db, { clientId, documentId }: { clientId: string; documentId: string }): Promise<{ removed: string[] }> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await lockClientForResolution(tx, clientId);
    const previous = await tx.delete(debts).where(eq(debts.documentId, documentId)).returning();
    for (const id of new Set(previous.map((mention) => mention.resolvedDebtId).filter((id): id is string => id !== null))) await refreshResolvedDebt(tx, id);
    const removed = await deleteEmptyResolvedDebts(tx, { clientId });
    await deleteOrphanCreditors(tx);
    return { removed };
  });
}

/** Resolves mentions stored before resolution existed, document by document; a no-op once all are linked. */
export async function resolveUnlinkedMentions(db: Db, { clientId }: { clientId: string }): Promise<void> {
  const documentIds = await documentsWithUnlinkedMentions(db, { clientId });
  for (const documentId of documentIds) {
    await db.transaction(async (transaction) => {
      const tx = transaction as unknown as Db;
      await lockClientForResolution(tx, clientId);
      const mentions = await tx.select().from(debts).where(eq(debts.documentId, documentId));
      await resolveMentions(tx, clientId, mentions, mentions);
    });
  }
}

async function resolveMentions(tx: Db, clientId: string, mentions: MentionRecord[], previous: MentionRecord[]): Promise<ResolutionOutcome> {
  const known = await clientCreditorKeys(tx, clientId);
  const linked = new Set<string>();
  let proposals = 0;
  const resolved: MentionRecord[] = [];

  for (const raw of mentions) {
    const mention = await withCreditors(tx, raw, clientId, known);
    const candidates = await listResolvedDebts(tx, { clientId });
    const identity = mentionIdentity(mention);
    let targetId = previousLink(mention, { previous, current: mentions.length }, candidates);

    if (!targetId) {
      const same = candidates.filter((candidate) => compareDebts(identity, debtIdentity(candidate)).kind === 'same');
      targetId = same[0]?.id ?? (await createResolvedDebt(tx, { clientId, documentType: mention.documentType })).id;
      for (const other of same.slice(1)) {
        if ((await findProposal(tx, targetId, other.id))?.status === 'rejected') continue;
        await mergeResolvedDebts(tx, { targetId, sourceId: other.id });
        linked.delete(other.id);
      }
    }
    await linkMention(tx, { mentionId: mention.id, resolvedDebtId: targetId });
    await refreshResolvedDebt(tx, targetId);
    linked.add(targetId);
    resolved.push({ ...mention, resolvedDebtId: targetId });

    const current = await listResolvedDebts(tx, { clientId });
    const target = current.find((candidate) => candidate.id === targetId)!;
    for (const candidate of current) {
      if (candidate.id === targetId) continue;
      const match = compareDebts(debtIdentity(target), debtIdentity(candidate));
      if (match.kind !== 'uncertain' || (await findProposal(tx, targetId, candidate.id))) continue;
      await proposeMerge(tx, { clientId, a: targetId, b: candidate.id, reason: match.reason });
      proposals++;
    }
  }

  for (const id of new Set(previous.map((mention) => mention.resolvedDebtId))) if (id && !linked.has(id)) await refreshResolvedDebt(tx, id);
  const removed = await deleteEmptyResolvedDebts(tx, { clientId });
  await deleteOrphanCreditors(tx);
  return { mentions: resolved, linked: [...linked].filter((id) => !removed.includes(id)), removed, proposals };
}

/** Resolves a mention's creditor names to creditor rows and stores the ids on it. */
async function withCreditors(tx: Db, mention: MentionRecord, clientId: string, known: Map<string, string>): Promise<MentionRecord> {
  const creditorId = await resolveCreditor(tx, { name: mention.creditor, clientId, known });
  const originalCreditorId = await resolveCreditor(tx, { name: mention.originalCreditor, clientId, known });
  const collectingAgentId = await resolveCreditor(tx, { name: mention.collectingAgent, clientId, known });
  await tx.update(debts).set({ creditorId, originalCreditorId, collectingAgentId }).where(eq(debts.id, mention.id));
  return { ...mention, creditorId, originalCreditorId, collectingAgentId };
}

/**
 * Finds the resolved debt that the same document's earlier mention of this debt belonged to, so that
 * processing a document again keeps the advisor's corrections and merge decisions. With one debt
 * before and one now, they are the same debt. Otherwise the earlier mention must share a reference,
 * or have the same creditor when neither has a reference. A debt matched neither way is resolved anew.
 */
function previousLink(mention: MentionRecord, { previous, current }: { previous: MentionRecord[]; current: number }, candidates: ResolvedDebtRecord[]): string | undefined {
  const alive = previous.filter((earlier) => earlier.resolvedDebtId && candidates.some((candidate) => candidate.id === earlier.resolvedDebtId));
  if (alive.length === 0) return undefined;
  if (previous.length === 1 && current === 1 && alive.length === 1) return alive[0].resolvedDebtId!;

  const references = new Set(mentionReferences(mention).map((reference) => reference.value));
  const creditorKey = normaliseOrganisationName(mention.creditor ?? '');
  const match = alive.find((earlier) => {
    const earlierReferences = mentionReferences(earlier).map((reference) => reference.value);
    if (earlierReferences.some((value) => references.has(value))) return true;
    return earlierReferences.length === 0 && references.size === 0 && creditorKey !== '' && normaliseOrganisationName(earlier.creditor ?? '') === creditorKey;
  });
  return match?.resolvedDebtId ?? undefined;
}

function mentionIdentity(mention: MentionRecord): DebtIdentity {
  return {
    references: mentionReferences(mention),
    creditorIds: [mention.creditorId, mention.originalCreditorId, mention.collectingAgentId].filter((id): id is string => id !== null),
    amountPence: mention.amount === null ? null : penceOf(mention.amount),
    deadlineDates: mention.deadlines.map((deadline) => deadline.date),
  };
}

/** Builds a resolved debt's identity, with the advisor's corrected creditor and amount where set. */
export function debtIdentity(debt: ResolvedDebtRecord): DebtIdentity {
  const corrections = debt.corrections;
  const creditorIds = [
    'creditorId' in corrections ? corrections.creditorId : debt.creditorId,
    'originalCreditorId' in corrections ? corrections.originalCreditorId : debt.originalCreditorId,
    'collectingAgentId' in corrections ? corrections.collectingAgentId : debt.collectingAgentId,
  ];
  const amount = 'amount' in corrections ? corrections.amount : debt.amount;
  return {
    references: debt.references,
    creditorIds: [...new Set(creditorIds.filter((id): id is string => Boolean(id)))],
    amountPence: amount === null || amount === undefined ? null : penceOf(amount),
    deadlineDates: debt.deadlines.map((deadline) => deadline.date),
  };
}
