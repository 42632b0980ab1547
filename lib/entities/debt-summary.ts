import type { DebtDeadline, DebtReference } from '../db/schema';
import { mentionReferences, uniqueReferences } from './debt-identity';

/** The fields of one mention (a debt as one letter shows it) that a resolved debt is derived from. */
export type MentionFacts = {
  id: string;
  createdAt: Date;
  amount: string | null;
  asOfDate: string | null;
  creditorId: string | null;
  originalCreditorId: string | null;
  collectingAgentId: string | null;
  accountReference: string | null;
  originalAccountReference: string | null;
  courtClaimNumber: string | null;
  otherReferences: { reference: string; label: string | null }[];
  documentType: string;
  priority: boolean | null;
  deadlines: DebtDeadline[];
  description: string | null;
  /** The method that read the mention's page ('text-layer', 'vision', 'ocr'), when known. */
  readBy?: string | null;
};

/** A resolved debt's fields as its mentions give them, before the advisor's corrections. */
export type DebtSummary = {
  amount: string | null;
  asOfDate: string | null;
  creditorId: string | null;
  originalCreditorId: string | null;
  collectingAgentId: string | null;
  accountReference: string | null;
  references: DebtReference[];
  documentType: string;
  priority: boolean | null;
  description: string | null;
  courtClaimNumber: string | null;
  deadlines: DebtDeadline[];
};

/**
 * Document types that describe what is being done about a debt rather than what the debt is: a
 * credit card debt stays a credit card debt when a default notice or a debt purchaser writes about it.
 */
const PROCESS_TYPES = new Set(['consumer_credit_default', 'debt_collection', 'letter_before_claim', 'enforcement_agent', 'county_court_claim', 'other']);

/** Scores how well a deadline's words read: a whole sentence, starting with a capital, beats a fragment. */
function wordingScore(what: string): number {
  const words = what.trim();
  return (/^[A-Z]/.test(words) ? 1000 : 0) + Math.min(words.length, 200);
}

type OrderedFacts = Pick<MentionFacts, 'asOfDate' | 'createdAt' | 'id' | 'readBy'>;

/**
 * Orders mentions oldest first: by the date their figures were worked out, then those read from a
 * text layer after the others, then by when they were stored. The latest of copies of one letter is
 * then the clearest, not a photo of it uploaded later.
 */
export function byAsOfDate(a: OrderedFacts, b: OrderedFacts): number {
  const textLayer = (mention: OrderedFacts) => (mention.readBy === 'text-layer' ? 1 : 0);
  return (a.asOfDate ?? '').localeCompare(b.asOfDate ?? '') || textLayer(a) - textLayer(b) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
}

/**
 * Derives a resolved debt from its mentions. The latest letter gives the balance, the current
 * creditor, the collecting agent and the account number. The original creditor is the one a letter
 * names as such, or else the first creditor when the debt has changed hands since. Priority is true when
 * any letter makes it a priority debt. Deadlines (one per date) and references are the union of all letters'.
 */
export function summariseMentions(mentions: MentionFacts[]): DebtSummary {
  const ordered = [...mentions].sort(byAsOfDate);
  const latest = <T>(pick: (mention: MentionFacts) => T | null): T | null => {
    for (let index = ordered.length - 1; index >= 0; index--) {
      const value = pick(ordered[index]);
      if (value !== null) return value;
    }
    return null;
  };

  const withAmount = [...ordered].reverse().find((mention) => mention.amount !== null) ?? ordered.at(-1)!;
  const creditorId = latest((mention) => mention.creditorId);
  const namedOriginal = latest((mention) => mention.originalCreditorId);
  const firstCreditor = ordered.find((mention) => mention.creditorId !== null)?.creditorId ?? null;
  const originalCreditorId = namedOriginal ?? (firstCreditor !== creditorId ? firstCreditor : null);
  const typed = [...ordered].reverse().find((mention) => !PROCESS_TYPES.has(mention.documentType)) ?? ordered.at(-1)!;

  // Copies of one letter (a scan and a photo) word a deadline a little differently, so each date is listed once.
  const deadlines = new Map<string, DebtDeadline>();
  for (const mention of ordered) {
    for (const deadline of mention.deadlines) {
      const known = deadlines.get(deadline.date);
      if (!known || wordingScore(deadline.what) > wordingScore(known.what)) deadlines.set(deadline.date, deadline);
    }
  }

  return {
    amount: withAmount.amount,
    asOfDate: withAmount.asOfDate,
    creditorId,
    originalCreditorId: originalCreditorId === creditorId ? null : originalCreditorId,
    collectingAgentId: ordered.at(-1)!.collectingAgentId,
    accountReference: latest((mention) => mention.accountReference),
    references: uniqueReferences(ordered.flatMap((mention) => mentionReferences(mention))),
    documentType: typed.documentType,
    priority: mentions.some((mention) => mention.priority === true) ? true : mentions.some((mention) => mention.priority === false) ? false : null,
    description: typed.description,
    courtClaimNumber: latest((mention) => mention.courtClaimNumber),
    deadlines: [...deadlines.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
}
