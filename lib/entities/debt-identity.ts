import type { DebtReference, DebtReferenceKind } from '../db/schema';

/** Minimum length of a partial reference that is compared: the last four digits of a card or account. */
const MIN_PARTIAL_LENGTH = 4;

/**
 * Normalises a printed reference for comparison: upper case, letters and digits only, so
 * "6120 4418 7305", "6120-4418-7305" and "612044187305" are equal. A masked reference
 * ("**** **** **** 0638", "XXXX 7305") keeps its visible end and is marked partial, and so is a
 * reference of four characters or fewer, which can only be the end of a longer number.
 */
export function normaliseReference(printed: string, kind: DebtReferenceKind): DebtReference | null {
  const compact = printed.toUpperCase().replace(/[^A-Z0-9*•]/g, '');
  const masked = /^(?:[*•]+|X{2,})/.test(compact) || /[*•]/.test(compact);
  const value = masked ? compact.replace(/^(?:[*•]+|X{2,})+/, '').replace(/[*•]/g, '') : compact;
  if (value.length < MIN_PARTIAL_LENGTH || !/\d/.test(value)) return null;
  return { value, kind, partial: masked || value.length <= MIN_PARTIAL_LENGTH, printed: printed.trim().replace(/\s+/g, ' ') };
}

/** The facts resolution compares two debts by. `creditorIds` are the current, original and collecting creditors. */
export type DebtIdentity = {
  references: DebtReference[];
  creditorIds: string[];
  /** Pence, or null when no amount is known. */
  amountPence: number | null;
  /** The dates of the debt's deadlines, for a letter whose creditor could not be read. */
  deadlineDates?: string[];
};

export type MatchReason = 'partial-reference' | 'reference-other-creditor' | 'same-creditor-same-amount' | 'same-creditor-no-reference' | 'same-amount-creditor-unknown' | 'same-deadline-creditor-unknown';

/** The relation of two debts: the same debt, possibly the same (an advisor decides), or different debts. */
export type DebtMatch = { kind: 'same' } | { kind: 'uncertain'; reason: MatchReason } | { kind: 'different' };

/** Kinds of reference that identify an account; a match on one of these is decisive. */
const IDENTIFYING: ReadonlySet<DebtReferenceKind> = new Set(['account', 'original-account', 'claim', 'other']);

/**
 * Compares two debts of one client.
 *
 * - A full reference in common (account number, original account number of a debt sold on, claim
 *   number) makes them the same debt when their creditors agree or one is unknown. With two
 *   unrelated creditors it is only a proposal, as numbers of different creditors can collide.
 * - A partial reference in common (the last four digits, a masked number) is a proposal.
 * - Two debts that both carry full references, none in common, are different accounts, even with
 *   the same creditor: they are never merged nor proposed.
 * - Without references to tell them apart, the same creditor is a proposal.
 * - So is the same amount or a deadline on the same date when one letter's creditor could not be
 *   read, as in a blurred photo of a letter already on file.
 */
export function compareDebts(a: DebtIdentity, b: DebtIdentity): DebtMatch {
  const creditorsAgree = a.creditorIds.some((id) => b.creditorIds.includes(id));
  const creditorUnknown = a.creditorIds.length === 0 || b.creditorIds.length === 0;
  const fullA = a.references.filter((reference) => !reference.partial && IDENTIFYING.has(reference.kind));
  const fullB = b.references.filter((reference) => !reference.partial && IDENTIFYING.has(reference.kind));

  if (fullA.some((x) => fullB.some((y) => x.value === y.value))) {
    return creditorsAgree || creditorUnknown ? { kind: 'same' } : { kind: 'uncertain', reason: 'reference-other-creditor' };
  }
  if (a.references.some((x) => b.references.some((y) => isPartialMatch(x, y)))) return { kind: 'uncertain', reason: 'partial-reference' };
  if (fullA.length > 0 && fullB.length > 0) return { kind: 'different' };
  const sameAmount = a.amountPence !== null && a.amountPence === b.amountPence;
  if (!creditorsAgree) {
    if (!creditorUnknown) return { kind: 'different' };
    if (sameAmount) return { kind: 'uncertain', reason: 'same-amount-creditor-unknown' };
    const sharedDeadline = (a.deadlineDates ?? []).some((date) => (b.deadlineDates ?? []).includes(date));
    return sharedDeadline ? { kind: 'uncertain', reason: 'same-deadline-creditor-unknown' } : { kind: 'different' };
  }
  if (a.amountPence !== null && a.amountPence === b.amountPence) return { kind: 'uncertain', reason: 'same-creditor-same-amount' };
  if (a.references.length === 0 || b.references.length === 0) return { kind: 'uncertain', reason: 'same-creditor-no-reference' };
  return { kind: 'different' };
}

/** Two references whose visible ends agree, one being partial or a shorter tail of the other. */
function isPartialMatch(x: DebtReference, y: DebtReference): boolean {
  if (x.value === y.value) return x.partial || y.partial;
  const [shorter, longer] = x.value.length <= y.value.length ? [x, y] : [y, x];
  return shorter.value.length >= MIN_PARTIAL_LENGTH && longer.value.endsWith(shorter.value) && /^\d+$/.test(shorter.value);
}

/** Lists the references of one mention: its account reference, original account number, claim number and others. */
export function mentionReferences(mention: {
  accountReference: string | null;
  originalAccountReference: string | null;
  courtClaimNumber: string | null;
  otherReferences: { reference: string }[];
}): DebtReference[] {
  const found = [
    mention.accountReference && normaliseReference(mention.accountReference, 'account'),
    mention.originalAccountReference && normaliseReference(mention.originalAccountReference, 'original-account'),
    mention.courtClaimNumber && normaliseReference(mention.courtClaimNumber, 'claim'),
    ...mention.otherReferences.map((other) => normaliseReference(other.reference, 'other')),
  ].filter((reference): reference is DebtReference => Boolean(reference));
  return uniqueReferences(found);
}

/** Drops repeated values, keeping the first kind seen and the full form over a partial one. */
export function uniqueReferences(references: DebtReference[]): DebtReference[] {
  const byValue = new Map<string, DebtReference>();
  for (const reference of references) {
    const known = byValue.get(reference.value);
    if (!known || (known.partial && !reference.partial)) byValue.set(reference.value, reference);
  }
  return [...byValue.values()];
}
