import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '@/lib/config';
import { openDatabase, type Database } from '@/lib/db/client';
import { createClient, deleteClientById } from '@/lib/db/queries/clients';
import { deleteOrphanCreditors } from '@/lib/db/queries/creditors';
import { createDocument, deleteDocumentById } from '@/lib/db/queries/documents';
import { listMergeProposals } from '@/lib/db/queries/resolved-debts';
import { creditorAliases, creditors, mergeProposals, resolvedDebts } from '@/lib/db/schema';
import { samplePath } from '@/lib/documents/test-samples';
import { acceptMergeProposal, correctDebt, mergeDebts, rejectMergeProposal, reopenMergeProposal, separateMentions } from '@/lib/entities/debt-decisions';
import { listDebtViews, type ResolvedDebtView } from '@/lib/entities/debt-views';
import { mentionRows, removeDocumentDebts, saveDocumentDebts } from '@/lib/entities/resolution';
import { extractWithRules } from '@/lib/entities/rules';
import type { ExtractionResult } from '@/lib/entities/types';
import { readPdfPages } from '@/scripts/eval-extraction';
import { createPostgresDatabase, serviceUrl } from './helpers/services';

const postgres = serviceUrl('PostgreSQL');
const letters = path.resolve(import.meta.dirname, 'fixtures/resolution');

const backends: { name: string; open: () => Promise<Database>; skip?: string }[] = [
  { name: 'PGlite', open: () => openDatabase(parseConfig({}), { pgliteDir: 'memory://' }) },
  {
    name: 'PostgreSQL',
    skip: postgres.reason,
    open: async () => openDatabase(parseConfig({ DATABASE_URL: await createPostgresDatabase(postgres.url!) })),
  },
];

/** Rule extraction of each PDF, read once for both databases. */
const extractions = new Map<string, ExtractionResult>();
async function extract(file: string): Promise<ExtractionResult> {
  if (!extractions.has(file)) extractions.set(file, extractWithRules(await readPdfPages(new Uint8Array(fs.readFileSync(file)))));
  return extractions.get(file)!;
}

const sample = (name: string) => samplePath(`synthetic/${name}.pdf`);
const letter = (name: string) => path.join(letters, `${name}.pdf`);

describe.each(backends)('debt resolution on $name', ({ open, skip }) => {
  let database: Database;

  beforeAll(async () => {
    if (!skip) database = await open();
  });
  afterAll(async () => {
    await database?.close();
  });

  /** Stores a document for the client and saves the debts the rules find in its PDF, as the pipeline does. */
  async function ingest(clientId: string, file: string, extraction?: ExtractionResult) {
    const document = await createDocument(database.db, { scope: 'client', clientId, filename: path.basename(file), mimeType: 'application/pdf', sizeBytes: 1, sha256: '0'.repeat(64) });
    await saveDocumentDebts(database.db, { clientId, documentId: document.id, rows: mentionRows({ clientId, documentId: document.id }, extraction ?? (await extract(file))) });
    return document;
  }

  async function reprocess(clientId: string, documentId: string, file: string) {
    await saveDocumentDebts(database.db, { clientId, documentId, rows: mentionRows({ clientId, documentId }, await extract(file)) });
  }

  const debtsOf = async (clientId: string) => listDebtViews(database.db, { clientId });
  const onlyDebt = (debts: ResolvedDebtView[], predicate: (debt: ResolvedDebtView) => boolean) => {
    const found = debts.filter(predicate);
    expect(found).toHaveLength(1);
    return found[0];
  };

  test.skipIf(skip)('card sold on is one debt', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client A' });
    for (const name of ['09_credit_card_statement', '07_default_notice_cca', '08_debt_collection_sold_on']) await ingest(client.id, sample(name));

    const { debts, totals } = await debtsOf(client.id);
    expect(debts).toHaveLength(1);
    const [card] = debts;
    expect(card.balanceHistory.map((entry) => entry.amount)).toEqual(['3405.46', '3655.19', '3702.56']);
    expect(card.balanceHistory.map((entry) => entry.documentName)).toEqual(['09_credit_card_statement.pdf', '07_default_notice_cca.pdf', '08_debt_collection_sold_on.pdf']);
    expect(card.amount).toBe('3702.56');
    expect(card.creditor).toBe('Brackwater Portfolio Recoveries Ltd');
    expect(card.originalCreditor).toBe('Corrivale Card Services Ltd');
    expect(card.documentType).toBe('credit_card_statement');
    expect(card.documentName).toBe('08_debt_collection_sold_on.pdf');
    expect(card.references.map((reference) => reference.value)).toEqual(expect.arrayContaining(['612044187305', 'BPR88314207']));
    expect(card.mentions).toHaveLength(3);
    expect(totals.nonPriority).toBe('3702.56');
    expect(totals.count).toBe(1);
  });

  test.skipIf(skip)('order of letters does not matter', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client B' });
    for (const name of ['08_debt_collection_sold_on', '09_credit_card_statement', '07_default_notice_cca']) await ingest(client.id, sample(name));

    const { debts } = await debtsOf(client.id);
    expect(debts).toHaveLength(1);
    expect(debts[0].amount).toBe('3702.56');
    expect(debts[0].balanceHistory).toHaveLength(3);
  });

  test.skipIf(skip)('household shares creditors', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client C' });
    const household = ['01_council_tax_reminder', '05_energy_arrears', '07_default_notice_cca', '08_debt_collection_sold_on', '09_credit_card_statement', '10_catalogue_arrears', '18_payslip'];
    for (const name of household) await ingest(client.id, sample(name));

    const { debts, totals } = await debtsOf(client.id);
    expect(debts).toHaveLength(4);
    const creditorIds = debts.map((debt) => debt.creditorId);
    expect(new Set(creditorIds).size).toBe(4);
    expect(onlyDebt(debts, (debt) => debt.creditor === 'Stavewick Borough Council').amount).toBe('276.30');
    expect(totals.nonPriority).toBe((3702.56 + Number(onlyDebt(debts, (debt) => debt.documentType === 'catalogue_bnpl').amount)).toFixed(2));
    expect(await listMergeProposals(database.db, { clientId: client.id })).toEqual([]);
  });

  test.skipIf(skip)('one creditor named three ways', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client D' });
    await ingest(client.id, letter('northmere-card-statement'));
    await ingest(client.id, letter('northmere-arrears-notice'));
    await ingest(client.id, letter('northmere-loan-arrears'));
    // A text model may name the bank by its short name alone, as the letters' body text does.
    const statement = await extract(letter('northmere-card-statement'));
    await ingest(client.id, letter('northmere-card-statement').replace('.pdf', '-short-name.pdf'), { ...statement, debts: statement.debts.map((debt) => ({ ...debt, creditor: 'Northmere', amount: '1300.00', asOfDate: '2026-07-01' })) });

    const { debts } = await debtsOf(client.id);
    expect(debts).toHaveLength(2);
    const card = onlyDebt(debts, (debt) => debt.accountReference?.replace(/\s/g, '') === '4556731022849163');
    const loan = onlyDebt(debts, (debt) => debt.accountReference === '60118274');
    expect(card.balanceHistory.map((entry) => entry.amount)).toEqual(['1284.50', '1300.00', '1342.18']);
    expect(card.creditorId).toBe(loan.creditorId);
    expect(card.creditor).toBe('Northmere Bank plc');
    expect(card.creditorAliases).toEqual(expect.arrayContaining(['Northmere Bank plc', 'Northmere Bank', 'Northmere']));
    expect(loan.amount).toBe('4210.00');

    const aliases = await database.db.select().from(creditorAliases).where(eq(creditorAliases.aliasKey, 'northmere'));
    expect(aliases).toHaveLength(1);
    expect(aliases[0].clientId).toBe(client.id);
  });

  test.skipIf(skip)('accounts sharing a creditor stay apart', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client E' });
    await ingest(client.id, letter('northmere-loan-arrears'));
    await ingest(client.id, letter('northmere-card-statement'));

    expect((await debtsOf(client.id)).debts).toHaveLength(2);
    expect(await listMergeProposals(database.db, { clientId: client.id })).toEqual([]);
  });

  test.skipIf(skip)('sold-on card joins its bank debt', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client F' });
    for (const name of ['northmere-card-statement', 'northmere-arrears-notice', 'harrowgate-notice-of-assignment', 'northmere-loan-arrears']) await ingest(client.id, letter(name));

    const { debts, totals } = await debtsOf(client.id);
    expect(debts).toHaveLength(2);
    const card = onlyDebt(debts, (debt) => debt.creditor === 'Harrowgate Debt Recovery Ltd');
    expect(card.originalCreditor).toBe('Northmere Bank plc');
    expect(card.balanceHistory.map((entry) => entry.amount)).toEqual(['1284.50', '1342.18', '1342.18']);
    expect(card.accountReference).toBe('HDR/5520417');
    expect(totals.nonPriority).toBe('5552.18');
  });

  test.skipIf(skip)('masked card number is proposed', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client G' });
    await ingest(client.id, letter('northmere-card-statement'));
    await ingest(client.id, letter('northmere-card-reminder'));

    expect((await debtsOf(client.id)).debts).toHaveLength(2);
    const [proposal] = await listMergeProposals(database.db, { clientId: client.id });
    expect(proposal.reason).toBe('partial-reference');
    expect(proposal.status).toBe('open');

    const kept = await acceptMergeProposal(database.db, { clientId: client.id, proposalId: proposal.id, userId: 'advisor-1' });
    const { debts, totals } = await debtsOf(client.id);
    expect(debts.map((debt) => debt.id)).toEqual([kept]);
    expect(debts[0].balanceHistory.map((entry) => entry.amount)).toEqual(['1284.50', '1342.18']);
    expect(totals.nonPriority).toBe('1342.18');
  });

  test.skipIf(skip)('rejected proposal stays rejected', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client H' });
    await ingest(client.id, letter('northmere-card-statement'));
    const reminder = await ingest(client.id, letter('northmere-card-reminder'));
    const [proposal] = await listMergeProposals(database.db, { clientId: client.id });

    await rejectMergeProposal(database.db, { clientId: client.id, proposalId: proposal.id, userId: 'advisor-1' });
    await reprocess(client.id, reminder.id, letter('northmere-card-reminder'));
    await expect(rejectMergeProposal(database.db, { clientId: client.id, proposalId: proposal.id, userId: 'advisor-1' })).rejects.toThrow(/already rejected/);

    expect((await debtsOf(client.id)).debts).toHaveLength(2);
    const proposals = await listMergeProposals(database.db, { clientId: client.id });
    expect(proposals.map((row) => row.status)).toEqual(['rejected']);
  });

  test.skipIf(skip)('kept-apart proposal can reopen', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client J' });
    await ingest(client.id, letter('northmere-card-statement'));
    await ingest(client.id, letter('northmere-card-reminder'));
    const [proposal] = await listMergeProposals(database.db, { clientId: client.id });

    await expect(reopenMergeProposal(database.db, { clientId: client.id, proposalId: proposal.id })).rejects.toThrow(/only a proposal kept separate/);
    await rejectMergeProposal(database.db, { clientId: client.id, proposalId: proposal.id, userId: 'advisor-1' });
    await reopenMergeProposal(database.db, { clientId: client.id, proposalId: proposal.id });

    const [reopened] = await listMergeProposals(database.db, { clientId: client.id });
    expect(reopened.status).toBe('open');
    expect(reopened.decidedBy).toBeNull();
    await acceptMergeProposal(database.db, { clientId: client.id, proposalId: proposal.id, userId: 'advisor-1' });
    expect((await debtsOf(client.id)).debts).toHaveLength(1);
  });

  test.skipIf(skip)('merged letters can be separated', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client K' });
    await ingest(client.id, letter('northmere-card-statement'));
    const reminder = await ingest(client.id, letter('northmere-card-reminder'));
    const [proposal] = await listMergeProposals(database.db, { clientId: client.id });
    const mergedId = await acceptMergeProposal(database.db, { clientId: client.id, proposalId: proposal.id, userId: 'advisor-1' });
    const [merged] = (await debtsOf(client.id)).debts;
    const reminderMention = merged.mentions.find((mention) => mention.documentId === reminder.id)!;

    const separatedId = await separateMentions(database.db, { clientId: client.id, debtId: mergedId, mentionIds: [reminderMention.id], userId: 'advisor-2' });
    const { debts } = await debtsOf(client.id);
    expect(debts).toHaveLength(2);
    const original = onlyDebt(debts, (debt) => debt.id === mergedId);
    const separated = onlyDebt(debts, (debt) => debt.id === separatedId);
    expect(original.balanceHistory.map((entry) => entry.amount)).toEqual(['1284.50']);
    expect(separated.mentions.map((mention) => mention.id)).toEqual([reminderMention.id]);
    expect(separated.amount).toBe('1342.18');

    const [decision] = await listMergeProposals(database.db, { clientId: client.id });
    expect(decision).toMatchObject({ status: 'rejected', reason: 'separated-by-advisor', decidedBy: 'advisor-2' });

    await reprocess(client.id, reminder.id, letter('northmere-card-reminder'));
    await ingest(client.id, letter('northmere-arrears-notice'));
    const after = (await debtsOf(client.id)).debts;
    expect(after).toHaveLength(2);
    expect(onlyDebt(after, (debt) => debt.id === separatedId).mentions.map((mention) => mention.documentId)).toEqual([reminder.id]);
    expect((await listMergeProposals(database.db, { clientId: client.id, status: 'open' })).length).toBe(0);
  });

  test.skipIf(skip)('advisor merges two debts no proposal named', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client Manual' });
    await ingest(client.id, letter('northmere-loan-arrears'));
    const card = await ingest(client.id, letter('northmere-card-statement'));
    const [first, second] = (await debtsOf(client.id)).debts;
    expect(await listMergeProposals(database.db, { clientId: client.id })).toEqual([]);

    await expect(mergeDebts(database.db, { clientId: client.id, debtId: first.id, otherDebtId: first.id, userId: 'advisor-1' })).rejects.toMatchObject({ code: 'invalid_request' });
    // Corrections on the debt merged in fill only what this debt's letters leave empty.
    await correctDebt(database.db, { clientId: client.id, debtId: first.id, correction: { amount: '99.00', originalCreditor: 'Elsewhere Lending Ltd' } });
    await mergeDebts(database.db, { clientId: client.id, debtId: second.id, otherDebtId: first.id, userId: 'advisor-1' });
    const { debts } = await debtsOf(client.id);
    expect(debts.map((debt) => debt.id)).toEqual([second.id]);
    expect(debts[0].mentions).toHaveLength(2);
    expect(debts[0].amount).not.toBe('99.00');
    expect(debts[0].originalCreditor).toBe('Elsewhere Lending Ltd');
    expect(debts[0].lockedFields).toEqual(['originalCreditor']);
    await expect(mergeDebts(database.db, { clientId: client.id, debtId: second.id, otherDebtId: first.id, userId: 'advisor-1' })).rejects.toMatchObject({ code: 'not_found' });

    // The merge holds when a letter is read again.
    await reprocess(client.id, card.id, letter('northmere-card-statement'));
    expect((await debtsOf(client.id)).debts.map((debt) => debt.id)).toEqual([second.id]);

    // Separating the letters that came in undoes it.
    const cameIn = first.mentions.map((mention) => mention.id);
    await separateMentions(database.db, { clientId: client.id, debtId: second.id, mentionIds: cameIn, userId: 'advisor-1' });
    expect((await debtsOf(client.id)).debts).toHaveLength(2);
  });

  test.skipIf(skip)('separation keeps one letter', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client L' });
    await ingest(client.id, letter('northmere-card-statement'));
    await ingest(client.id, letter('northmere-loan-arrears'));
    const [card, loan] = (await debtsOf(client.id)).debts;

    const all = { clientId: client.id, debtId: card.id, mentionIds: card.mentions.map((mention) => mention.id), userId: 'advisor-1' };
    await expect(separateMentions(database.db, all)).rejects.toMatchObject({ code: 'invalid_request' });
    const foreign = { ...all, mentionIds: loan.mentions.map((mention) => mention.id) };
    await expect(separateMentions(database.db, foreign)).rejects.toMatchObject({ code: 'conflict' });
    expect((await debtsOf(client.id)).debts).toHaveLength(2);
  });

  test.skipIf(skip)('corrections survive re-extraction', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client I' });
    const statement = await ingest(client.id, sample('09_credit_card_statement'));
    const notice = await ingest(client.id, sample('07_default_notice_cca'));
    const [before] = (await debtsOf(client.id)).debts;

    await correctDebt(database.db, { clientId: client.id, debtId: before.id, correction: { amount: '3600', creditor: 'Corrivale Cards', lock: ['priority'] } });
    await reprocess(client.id, notice.id, sample('07_default_notice_cca'));
    await reprocess(client.id, statement.id, sample('09_credit_card_statement'));

    const [after] = (await debtsOf(client.id)).debts;
    expect(after.id).toBe(before.id);
    expect(after.amount).toBe('3600.00');
    expect(after.creditor).toBe('Corrivale Cards');
    expect(after.priority).toBe(false);
    expect(after.lockedFields.sort()).toEqual(['amount', 'creditor', 'priority']);
    expect(after.extracted.amount).toBe('3655.19');
    expect(after.extracted.creditor).toBe('Corrivale Card Services Ltd');
    expect(after.balanceHistory).toHaveLength(2);

    await correctDebt(database.db, { clientId: client.id, debtId: before.id, correction: { unlock: ['amount'] } });
    const [unlocked] = (await debtsOf(client.id)).debts;
    expect(unlocked.amount).toBe('3655.19');
    expect(unlocked.lockedFields).not.toContain('amount');
  });

  test.skipIf(skip)('a debt left out of the totals stays out after reprocessing, and can be counted again', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client Totals' });
    const statement = await ingest(client.id, sample('09_credit_card_statement'));
    await ingest(client.id, sample('01_council_tax_reminder'));
    const before = await debtsOf(client.id);
    const card = before.debts.find((debt) => debt.priority === false)!;
    expect(before.totals.leftOut).toEqual({ amount: '0.00', count: 0 });

    const changed = await correctDebt(database.db, { clientId: client.id, debtId: card.id, correction: { countInTotals: false } });
    expect(changed).toEqual(['countInTotals']);
    await reprocess(client.id, statement.id, sample('09_credit_card_statement'));

    const after = await debtsOf(client.id);
    expect(after.debts.find((debt) => debt.id === card.id)!.countedInTotals).toBe(false);
    expect(after.totals.nonPriority).toBe('0.00');
    expect(after.totals.priority).toBe(before.totals.priority);
    expect(after.totals.leftOut).toEqual({ amount: card.amount, count: 1 });
    expect(after.totals.count).toBe(before.totals.count);
    // Leaving a debt out is not a correction of what the letters print.
    expect(after.debts.find((debt) => debt.id === card.id)!.lockedFields).toEqual([]);

    await correctDebt(database.db, { clientId: client.id, debtId: card.id, correction: { countInTotals: true } });
    expect((await debtsOf(client.id)).totals).toEqual(before.totals);
  });

  test.skipIf(skip)('a typed short name joins a creditor another client owes', async () => {
    const other = await createClient(database.db, { name: 'Resolution Client Hub A' });
    const catalogue = await extract(sample('10_catalogue_arrears'));
    await ingest(other.id, sample('10_catalogue_arrears'), { ...catalogue, debts: catalogue.debts.map((debt) => ({ ...debt, creditor: 'Quenby Hollis Home Shopping Ltd' })) });
    const [owed] = (await debtsOf(other.id)).debts;

    const client = await createClient(database.db, { name: 'Resolution Client Hub B' });
    await ingest(client.id, sample('05_energy_arrears'));
    const [debt] = (await debtsOf(client.id)).debts;
    await correctDebt(database.db, { clientId: client.id, debtId: debt.id, correction: { creditor: 'Quenby Hollis' } });

    const [corrected] = (await debtsOf(client.id)).debts;
    expect(corrected.creditorId).toBe(owed.creditorId);
    expect(corrected.creditor).toBe('Quenby Hollis Home Shopping Ltd');
  });

  test.skipIf(skip)('a corrected collecting agent survives reprocessing', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client Agent' });
    const notice = await ingest(client.id, sample('14_enforcement_agent_notice'));
    const [before] = (await debtsOf(client.id)).debts;
    expect(before.collectingAgent).toBe('Blackthorn Rigg Enforcement Ltd');

    await correctDebt(database.db, { clientId: client.id, debtId: before.id, correction: { collectingAgent: 'Marchbank Enforcement Ltd' } });
    await reprocess(client.id, notice.id, sample('14_enforcement_agent_notice'));

    const [after] = (await debtsOf(client.id)).debts;
    expect(after.collectingAgent).toBe('Marchbank Enforcement Ltd');
    expect(after.lockedFields).toEqual(['collectingAgent']);
    expect(after.extracted.collectingAgent).toBe('Blackthorn Rigg Enforcement Ltd');
  });

  test.skipIf(skip)('deleting letters removes their mentions', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client J' });
    const statement = await ingest(client.id, sample('09_credit_card_statement'));
    const notice = await ingest(client.id, sample('07_default_notice_cca'));
    // The purchaser is renamed so that no other client in this database owes it.
    const assignment = await extract(sample('08_debt_collection_sold_on'));
    const sold = await ingest(client.id, sample('08_debt_collection_sold_on'), { ...assignment, debts: assignment.debts.map((debt) => ({ ...debt, creditor: 'Onlyhere Portfolio Recoveries Ltd' })) });
    expect((await debtsOf(client.id)).debts[0].creditor).toBe('Onlyhere Portfolio Recoveries Ltd');

    await removeDocumentDebts(database.db, { clientId: client.id, documentId: sold.id });
    await deleteDocumentById(database.db, { id: sold.id });
    const [card] = (await debtsOf(client.id)).debts;
    expect(card.amount).toBe('3655.19');
    expect(card.creditor).toBe('Corrivale Card Services Ltd');
    expect(card.originalCreditor).toBeNull();
    const purchaser = await database.db.select().from(creditors).where(eq(creditors.key, 'onlyhere portfolio recoveries'));
    expect(purchaser).toEqual([]);

    for (const document of [statement, notice]) {
      await removeDocumentDebts(database.db, { clientId: client.id, documentId: document.id });
      await deleteDocumentById(database.db, { id: document.id });
    }
    expect((await debtsOf(client.id)).debts).toEqual([]);
    expect(await database.db.select().from(resolvedDebts).where(eq(resolvedDebts.clientId, client.id))).toEqual([]);
  });

  test.skipIf(skip)('erasing a client leaves nothing', async () => {
    const client = await createClient(database.db, { name: 'Resolution Client K' });
    for (const name of ['northmere-card-statement', 'northmere-card-reminder', 'northmere-loan-arrears']) await ingest(client.id, letter(name));
    await ingest(client.id, letter('northmere-card-statement').replace('.pdf', '-short-name.pdf'), { ...(await extract(letter('northmere-loan-arrears'))), debts: [{ ...(await extract(letter('northmere-loan-arrears'))).debts[0], creditor: 'Northmere' }] });
    expect(await listMergeProposals(database.db, { clientId: client.id })).not.toEqual([]);

    await deleteClientById(database.db, { id: client.id });
    await deleteOrphanCreditors(database.db);
    expect(await database.db.select().from(resolvedDebts).where(eq(resolvedDebts.clientId, client.id))).toEqual([]);
    expect(await database.db.select().from(mergeProposals).where(eq(mergeProposals.clientId, client.id))).toEqual([]);
    expect(await database.db.select().from(creditorAliases).where(eq(creditorAliases.clientId, client.id))).toEqual([]);
  });
});
