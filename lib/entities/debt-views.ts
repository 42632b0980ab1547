import type { Db } from '../db/client';
import { getCreditorsByIds, type CreditorRecord } from '../db/queries/creditors';
import { listClientMentions, listMergeProposals, listResolvedDebts, type MergeProposalRecord, type MentionWithDocument, type ResolvedDebtRecord } from '../db/queries/resolved-debts';
import type { DebtCorrections, DebtDeadline, DebtReference } from '../db/schema';
import { addresseeInWarning } from './addressee';
import { penceOf } from './amounts';
import { byAsOfDate } from './debt-summary';
import { resolveUnlinkedMentions } from './resolution';

/** The fields of a resolved debt an advisor can correct or lock, as the API names them. */
export const debtFields = ['amount', 'priority', 'creditor', 'originalCreditor', 'collectingAgent', 'accountReference', 'documentType', 'asOfDate', 'description'] as const;
export type DebtField = (typeof debtFields)[number];

/** The key of each API field in `corrections`. */
export const correctionKeys: Record<DebtField, keyof DebtCorrections> = {
  amount: 'amount',
  priority: 'priority',
  creditor: 'creditorId',
  originalCreditor: 'originalCreditorId',
  collectingAgent: 'collectingAgentId',
  accountReference: 'accountReference',
  documentType: 'documentType',
  asOfDate: 'asOfDate',
  description: 'description',
};

/** One letter's view of a debt, with its document and page. */
export type MentionView = {
  id: string;
  documentId: string;
  documentName: string;
  pageNumber: number;
  creditor: string | null;
  originalCreditor: string | null;
  collectingAgent: string | null;
  amount: string | null;
  asOfDate: string | null;
  accountReference: string | null;
  originalAccountReference: string | null;
  courtClaimNumber: string | null;
  documentType: string;
  priority: boolean | null;
  source: 'model' | 'rules';
};

/** One balance a letter gave for the debt, oldest first in `balanceHistory`. */
export type BalanceEntry = { amount: string; asOfDate: string | null; mentionId: string; documentId: string; documentName: string; pageNumber: number };

/**
 * A resolved debt as the API returns it. The fields the debt table already showed keep their names
 * and meaning (creditor, amount, documentId and pageNumber of the latest balance, and so on), with the
 * advisor's corrections applied. `extracted` has what the letters printed for each corrected field.
 */
export type ResolvedDebtView = {
  id: string;
  clientId: string;
  creditor: string | null;
  creditorId: string | null;
  creditorAliases: string[];
  originalCreditor: string | null;
  originalCreditorId: string | null;
  collectingAgent: string | null;
  collectingAgentId: string | null;
  amount: string | null;
  currency: string;
  asOfDate: string | null;
  accountReference: string | null;
  references: DebtReference[];
  documentType: string;
  priority: boolean | null;
  description: string | null;
  courtClaimNumber: string | null;
  deadlines: DebtDeadline[];
  documentId: string;
  documentName: string;
  pageNumber: number;
  source: 'model' | 'rules';
  lockedFields: DebtField[];
  /** The person every letter about this debt is addressed to, when that is not the client; null otherwise. */
  addressedTo: string | null;
  /** False when the advisor left the debt out of the totals. */
  countedInTotals: boolean;
  extracted: Partial<Record<DebtField, string | boolean | null>>;
  mentions: MentionView[];
  balanceHistory: BalanceEntry[];
  createdAt: string;
  updatedAt: string;
};

/**
 * Sums in pounds ('1234.56'), each resolved debt counted once at its latest balance. `count` is every
 * debt found. The other figures leave out the debts the advisor left out of the totals, which
 * `leftOut` sums instead. `elsewhere` is the part of the totals from letters addressed to someone
 * other than the client, and how many debts.
 */
export type DebtTotals = {
  priority: string;
  nonPriority: string;
  unclassifiedCount: number;
  count: number;
  elsewhere: { amount: string; count: number };
  leftOut: { amount: string; count: number };
};

/** Lists a client's resolved debts, priority debts first, with totals; mentions stored before resolution existed are resolved first. */
export async function listDebtViews(db: Db, { clientId }: { clientId: string }): Promise<{ debts: ResolvedDebtView[]; totals: DebtTotals }> {
  await resolveUnlinkedMentions(db, { clientId });
  const [records, mentions] = await Promise.all([listResolvedDebts(db, { clientId }), listClientMentions(db, { clientId })]);
  const creditors = await getCreditorsByIds(db, [...records.flatMap(creditorIdsOf), ...mentions.flatMap((mention) => [mention.creditorId, mention.originalCreditorId, mention.collectingAgentId])].filter((id): id is string => Boolean(id)));

  const views = records
    .map((record) => toDebtView(record, mentions.filter((mention) => mention.resolvedDebtId === record.id), creditors))
    .filter((view): view is ResolvedDebtView => view !== null);
  views.sort((a, b) => priorityRank(a.priority) - priorityRank(b.priority) || (a.creditor ?? '').localeCompare(b.creditor ?? ''));
  return { debts: views, totals: debtTotals(views) };
}

export async function getDebtView(db: Db, { clientId, id }: { clientId: string; id: string }): Promise<ResolvedDebtView | undefined> {
  const { debts } = await listDebtViews(db, { clientId });
  return debts.find((debt) => debt.id === id);
}

export function debtTotals(views: Pick<ResolvedDebtView, 'amount' | 'priority' | 'addressedTo' | 'countedInTotals'>[]): DebtTotals {
  const sum = (rows: typeof views) => (rows.reduce((pence, view) => pence + (view.amount === null ? 0 : penceOf(view.amount)), 0) / 100).toFixed(2);
  const counted = views.filter((view) => view.countedInTotals);
  const leftOut = views.filter((view) => !view.countedInTotals);
  const elsewhere = counted.filter((view) => view.addressedTo !== null);
  return {
    priority: sum(counted.filter((view) => view.priority === true)),
    nonPriority: sum(counted.filter((view) => view.priority === false)),
    unclassifiedCount: counted.filter((view) => view.priority === null).length,
    count: views.length,
    elsewhere: { amount: sum(elsewhere.filter((view) => view.priority !== null)), count: elsewhere.length },
    leftOut: { amount: sum(leftOut), count: leftOut.length },
  };
}

function priorityRank(priority: boolean | null): number {
  if (priority === true) return 0;
  if (priority === false) return 1;
  return 2;
}

function creditorIdsOf(record: ResolvedDebtRecord): (string | null | undefined)[] {
  const corrected = record.corrections;
  return [record.creditorId, record.originalCreditorId, record.collectingAgentId, corrected.creditorId, corrected.originalCreditorId, corrected.collectingAgentId];
}

/** Builds the view of one resolved debt; null for one with no mentions, which resolution is about to delete. */
function toDebtView(record: ResolvedDebtRecord, mentions: MentionWithDocument[], creditors: Map<string, CreditorRecord>): ResolvedDebtView | null {
  if (mentions.length === 0) return null;
  const ordered = [...mentions].sort(byAsOfDate);
  const nameOf = (id: string | null | undefined) => (id ? (creditors.get(id)?.name ?? null) : null);
  const corrections = record.corrections;
  const corrected = (field: DebtField) => correctionKeys[field] in corrections;
  const pick = <T>(field: DebtField, derived: T): T => (corrected(field) ? (corrections[correctionKeys[field]] as T) : derived);

  const creditorId = pick('creditor', record.creditorId);
  const originalCreditorId = pick('originalCreditor', record.originalCreditorId);
  const collectingAgentId = pick('collectingAgent', record.collectingAgentId);
  const derived: Record<DebtField, string | boolean | null> = {
    amount: record.amount,
    priority: record.priority,
    creditor: nameOf(record.creditorId),
    originalCreditor: nameOf(record.originalCreditorId),
    collectingAgent: nameOf(record.collectingAgentId),
    accountReference: record.accountReference,
    documentType: record.documentType,
    asOfDate: record.asOfDate,
    description: record.description,
  };
  const lockedFields = debtFields.filter(corrected);
  const latest = [...ordered].reverse().find((mention) => mention.amount !== null) ?? ordered.at(-1)!;

  return {
    id: record.id,
    clientId: record.clientId,
    creditor: nameOf(creditorId),
    creditorId,
    creditorAliases: creditorId ? (creditors.get(creditorId)?.aliases ?? []) : [],
    originalCreditor: nameOf(originalCreditorId),
    originalCreditorId,
    collectingAgent: nameOf(collectingAgentId),
    collectingAgentId,
    amount: pick('amount', record.amount),
    currency: record.currency,
    asOfDate: pick('asOfDate', record.asOfDate),
    accountReference: pick('accountReference', record.accountReference),
    references: record.references,
    documentType: pick('documentType', record.documentType),
    priority: pick('priority', record.priority),
    description: pick('description', record.description),
    courtClaimNumber: record.courtClaimNumber,
    deadlines: record.deadlines,
    documentId: latest.documentId,
    documentName: latest.documentName,
    pageNumber: latest.pageNumber,
    source: latest.source,
    lockedFields,
    addressedTo: addressedElsewhere(ordered),
    countedInTotals: corrections.countInTotals !== false,
    extracted: Object.fromEntries(lockedFields.map((field) => [field, derived[field]])),
    mentions: ordered.map(toMentionView),
    balanceHistory: ordered
      .filter((mention) => mention.amount !== null)
      .map((mention) => ({ amount: mention.amount!, asOfDate: mention.asOfDate, mentionId: mention.id, documentId: mention.documentId, documentName: mention.documentName, pageNumber: mention.pageNumber })),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** Returns the other person every mention's document is addressed to, or null when any document is the client's own. */
function addressedElsewhere(mentions: MentionWithDocument[]): string | null {
  const names = mentions.map((mention) => mention.documentWarnings.map(addresseeInWarning).find((name) => name !== null) ?? null);
  return names.every((name) => name !== null) ? names[0] : null;
}

/** Builds the view of one mention as its letter printed it, with names and references not resolved. */
function toMentionView(mention: MentionWithDocument): MentionView {
  return {
    id: mention.id,
    documentId: mention.documentId,
    documentName: mention.documentName,
    pageNumber: mention.pageNumber,
    creditor: mention.creditor,
    originalCreditor: mention.originalCreditor,
    collectingAgent: mention.collectingAgent,
    amount: mention.amount,
    asOfDate: mention.asOfDate,
    accountReference: mention.accountReference,
    originalAccountReference: mention.originalAccountReference,
    courtClaimNumber: mention.courtClaimNumber,
    documentType: mention.documentType,
    priority: mention.priority,
    source: mention.source,
  };
}

/** Reasons for proposing a merge of two debts, in words an advisor reads. */
const proposalExplanations: Record<MergeProposalRecord['reason'], string> = {
  'partial-reference': 'The letters share only the end of an account or card number.',
  'reference-other-creditor': 'The letters share an account number but name different creditors.',
  'same-creditor-same-amount': 'The same creditor and the same amount, and one of the letters shows no account number to tell them apart.',
  'same-amount-creditor-unknown': 'The same amount, and no creditor could be read from one of the letters.',
  'same-deadline-creditor-unknown': 'A deadline on the same date, and no creditor could be read from one of the letters.',
  'same-creditor-no-reference': 'The same creditor, with no account number to tell them apart.',
  'separated-by-advisor': 'An advisor separated these letters from one debt earlier.',
};

export type MergeProposalView = {
  id: string;
  status: MergeProposalRecord['status'];
  reason: MergeProposalRecord['reason'];
  explanation: string;
  debt: ResolvedDebtView;
  otherDebt: ResolvedDebtView;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
};

/** Lists a client's merge proposals with both debts; an accepted proposal goes with the debt merged away. */
export async function listMergeProposalViews(db: Db, { clientId, status }: { clientId: string; status?: MergeProposalRecord['status'] }): Promise<MergeProposalView[]> {
  const [{ debts }, proposals] = await Promise.all([listDebtViews(db, { clientId }), listMergeProposals(db, { clientId, status })]);
  const byId = new Map(debts.map((debt) => [debt.id, debt]));
  return proposals
    .filter((proposal) => byId.has(proposal.debtId) && byId.has(proposal.otherDebtId))
    .map((proposal) => ({
      id: proposal.id,
      status: proposal.status,
      reason: proposal.reason,
      explanation: proposalExplanations[proposal.reason],
      debt: byId.get(proposal.debtId)!,
      otherDebt: byId.get(proposal.otherDebtId)!,
      createdAt: proposal.createdAt.toISOString(),
      decidedAt: proposal.decidedAt?.toISOString() ?? null,
      decidedBy: proposal.decidedBy,
    }));
}
