import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { allCreditorKeys, clientCreditorKeys, resolveCreditor } from '../db/queries/creditors';
import {
  createResolvedDebt,
  decideMergeProposal,
  findProposal,
  getMergeProposal,
  getResolvedDebt,
  keepDebtsApart,
  linkMention,
  lockClientForResolution,
  mergeResolvedDebts,
  refreshResolvedDebt,
  reopenMergeProposalRow,
  setCorrections,
  type ResolvedDebtRecord,
} from '../db/queries/resolved-debts';
import { debts } from '../db/schema';
import type { DebtCorrections } from '../db/schema';
import { AppError } from '../errors';
import { moduleLogger } from '../log';
import { normaliseAmount } from './amounts';
import { correctionKeys, debtFields, type DebtField } from './debt-views';
import { documentTypes } from './types';

const log = moduleLogger('entities.decisions');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date, YYYY-MM-DD');
const organisation = z.string().trim().min(1).max(200).nullable();

/**
 * A correction of a resolved debt: new values for some fields, and fields to lock (keep their
 * current value whatever later letters print) or unlock (follow the letters again). A corrected field
 * is locked.
 */
export const debtCorrectionSchema = z
  .object({
    amount: z.string().trim().regex(/^\d{1,12}(?:\.\d{1,2})?$/, 'must be pounds as digits, e.g. "1234.56"').nullable(),
    priority: z.boolean().nullable(),
    creditor: organisation,
    originalCreditor: organisation,
    collectingAgent: organisation,
    accountReference: z.string().trim().min(1).max(80).nullable(),
    documentType: z.enum(documentTypes),
    asOfDate: isoDate.nullable(),
    description: z.string().trim().max(300).nullable(),
    countInTotals: z.boolean(),
    lock: z.array(z.enum(debtFields)).max(debtFields.length),
    unlock: z.array(z.enum(debtFields)).max(debtFields.length),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one field to correct, lock or unlock' })
  .refine((body) => !(body.unlock ?? []).some((field) => field in body), { message: 'a field cannot be corrected and unlocked at once' });

export type DebtCorrection = z.infer<typeof debtCorrectionSchema>;

/** Applies an advisor's correction to a resolved debt and returns the fields it changed, with `countInTotals` when that changed. */
export async function correctDebt(db: Db, { clientId, debtId, correction }: { clientId: string; debtId: string; correction: DebtCorrection }): Promise<(DebtField | 'countInTotals')[]> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await lockClientForResolution(tx, clientId);
    const record = await getResolvedDebt(tx, { clientId, id: debtId });
    if (!record) throw new AppError('not_found', `Debt ${debtId} was not found for this client. It may have been merged into another debt or removed with its document.`);

    const corrections: DebtCorrections = { ...record.corrections };
    const write = corrections as Record<string, unknown>;
    for (const field of correction.unlock ?? []) delete write[correctionKeys[field]];
    for (const field of correction.lock ?? []) if (!(correctionKeys[field] in corrections)) write[correctionKeys[field]] = derivedValue(record, field);

    const known = await clientCreditorKeys(tx, clientId);
    const names = (['creditor', 'originalCreditor', 'collectingAgent'] as const).filter((field) => field in correction);
    const others = names.length > 0 ? await allCreditorKeys(tx) : undefined;
    for (const field of debtFields) {
      if (!(field in correction)) continue;
      const value = correction[field];
      if ((names as readonly string[]).includes(field)) write[correctionKeys[field]] = await resolveCreditor(tx, { name: value as string | null, clientId, known, others });
      else if (field === 'amount') write.amount = value === null ? null : normaliseAmount(value as string);
      else write[correctionKeys[field]] = value;
    }

    // Counting is the default, so only leaving a debt out is stored.
    if (correction.countInTotals === true) delete corrections.countInTotals;
    else if (correction.countInTotals === false) corrections.countInTotals = false;

    await setCorrections(tx, { id: debtId, corrections });
    const changed: (DebtField | 'countInTotals')[] = debtFields.filter((field) => field in correction || correction.lock?.includes(field) || correction.unlock?.includes(field));
    if (correction.countInTotals !== undefined) changed.push('countInTotals');
    log.info({ clientId, debtId, fields: changed }, 'debt corrected');
    return changed;
  });
}

function derivedValue(record: ResolvedDebtRecord, field: DebtField): unknown {
  const values: Record<DebtField, unknown> = {
    amount: record.amount,
    priority: record.priority,
    creditor: record.creditorId,
    originalCreditor: record.originalCreditorId,
    collectingAgent: record.collectingAgentId,
    accountReference: record.accountReference,
    documentType: record.documentType,
    asOfDate: record.asOfDate,
    description: record.description,
  };
  return values[field];
}

/** Merges the two debts of an open proposal into the older one and returns its id. */
export async function acceptMergeProposal(db: Db, { clientId, proposalId, userId }: { clientId: string; proposalId: string; userId: string }): Promise<string> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await lockClientForResolution(tx, clientId);
    const proposal = await openProposal(tx, clientId, proposalId);
    const first = await getResolvedDebt(tx, { clientId, id: proposal.debtId });
    const second = await getResolvedDebt(tx, { clientId, id: proposal.otherDebtId });
    const [target, source] = first!.createdAt <= second!.createdAt ? [first!, second!] : [second!, first!];

    await decideMergeProposal(tx, { id: proposalId, status: 'accepted', userId });
    await mergeResolvedDebts(tx, { targetId: target.id, sourceId: source.id });
    log.info({ clientId, proposalId, debtId: target.id, mergedDebtId: source.id }, 'merge proposal accepted');
    return target.id;
  });
}

/** The body of a request to merge a debt with another that no proposal named. */
export const mergeDebtsSchema = z.object({ otherDebtId: z.uuid({ error: 'must be the id of another debt of this client' }) });

/**
 * Merges another debt into this one, for two debts the advisor has found to be one, whether or not a
 * proposal named them. This debt keeps its id and its corrections, and takes the other's letters. It
 * takes the other's corrections only for fields that its own letters leave empty. A proposal between them, open or kept
 * separate, is marked accepted. As with an accepted proposal, separating the letters again undoes it.
 */
export async function mergeDebts(db: Db, { clientId, debtId, otherDebtId, userId }: { clientId: string; debtId: string; otherDebtId: string; userId: string }): Promise<void> {
  if (debtId === otherDebtId) throw new AppError('invalid_request', 'A debt cannot be merged with itself. Choose another debt of this client.');
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await lockClientForResolution(tx, clientId);
    const first = await getResolvedDebt(tx, { clientId, id: debtId });
    const second = await getResolvedDebt(tx, { clientId, id: otherDebtId });
    if (!first || !second) {
      throw new AppError('not_found', 'One of the two debts was not found for this client. It may have been merged already or removed with its document; reload the debts.');
    }

    const proposal = await findProposal(tx, debtId, otherDebtId);
    if (proposal) await decideMergeProposal(tx, { id: proposal.id, status: 'accepted', userId });
    await mergeResolvedDebts(tx, { targetId: debtId, sourceId: otherDebtId });
    log.info({ clientId, debtId, mergedDebtId: otherDebtId }, 'debts merged by an advisor');
  });
}

/** Keeps the two debts of an open proposal apart; they are not proposed again. */
export async function rejectMergeProposal(db: Db, { clientId, proposalId, userId }: { clientId: string; proposalId: string; userId: string }): Promise<void> {
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await lockClientForResolution(tx, clientId);
    await openProposal(tx, clientId, proposalId);
    await decideMergeProposal(tx, { id: proposalId, status: 'rejected', userId });
    log.info({ clientId, proposalId }, 'merge proposal rejected');
  });
}

/** Undoes "keep separate": the proposal is open again, so the advisor can decide once more. A merge cannot be undone. */
export async function reopenMergeProposal(db: Db, { clientId, proposalId }: { clientId: string; proposalId: string }): Promise<void> {
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await lockClientForResolution(tx, clientId);
    const proposal = await getMergeProposal(tx, { clientId, id: proposalId });
    if (!proposal) throw new AppError('not_found', `Merge proposal ${proposalId} was not found for this client. The debts may have been removed since.`);
    if (proposal.status !== 'rejected') throw new AppError('conflict', `Merge proposal ${proposalId} is ${proposal.status}; only a proposal kept separate can be reopened.`);
    await reopenMergeProposalRow(tx, proposalId);
    log.info({ clientId, proposalId }, 'merge proposal reopened');
  });
}

/** The body of a request to separate letters from a debt: the mentions that belong to another debt. */
export const separateMentionsSchema = z.object({
  mentionIds: z.array(z.uuid({ error: 'must be mention ids' })).min(1, 'name at least one letter to separate').max(500),
});

/**
 * Moves some of a debt's mentions to a new debt, for letters that resolution or an advisor's merge put
 * together wrongly. The two debts are kept apart from then on: neither resolution nor a proposal
 * joins them again, and reprocessing a letter keeps it with its new debt. The new debt starts with no
 * corrections, because those made before belong to the debt they were made on. Returns its id.
 */
export async function separateMentions(db: Db, { clientId, debtId, mentionIds, userId }: { clientId: string; debtId: string; mentionIds: string[]; userId: string }): Promise<string> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await lockClientForResolution(tx, clientId);
    const debt = await getResolvedDebt(tx, { clientId, id: debtId });
    if (!debt) throw new AppError('not_found', `Debt ${debtId} was not found for this client. It may have been merged into another debt or removed with its document.`);

    const mentions = await tx.select({ id: debts.id, documentType: debts.documentType }).from(debts).where(eq(debts.resolvedDebtId, debtId));
    const moving = mentions.filter((mention) => mentionIds.includes(mention.id));
    if (moving.length !== new Set(mentionIds).size) {
      throw new AppError('conflict', 'Some of the chosen letters no longer belong to this debt. Reload the debts and choose again.');
    }
    if (moving.length === mentions.length) {
      throw new AppError('invalid_request', 'A debt keeps at least one of its letters. Leave one letter with this debt, or correct the debt instead.');
    }

    const separated = await createResolvedDebt(tx, { clientId, documentType: moving[0].documentType });
    for (const mention of moving) await linkMention(tx, { mentionId: mention.id, resolvedDebtId: separated.id });
    await refreshResolvedDebt(tx, debtId);
    await refreshResolvedDebt(tx, separated.id);
    await keepDebtsApart(tx, { clientId, a: debtId, b: separated.id, userId });
    log.info({ clientId, debtId, separatedDebtId: separated.id, mentions: moving.length }, 'letters separated from a debt');
    return separated.id;
  });
}

async function openProposal(db: Db, clientId: string, proposalId: string) {
  const proposal = await getMergeProposal(db, { clientId, id: proposalId });
  if (!proposal) throw new AppError('not_found', `Merge proposal ${proposalId} was not found for this client. The debts may have been merged or removed since.`);
  if (proposal.status !== 'open') throw new AppError('conflict', `Merge proposal ${proposalId} was already ${proposal.status}. Reload the proposals to see the current ones.`);
  return proposal;
}
