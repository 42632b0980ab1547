import { referenceRank } from './references';
import { splitIntoLetters } from './letters';
import type { ExtractedDebt, Fact, PageText } from './types';

/** The numbers that identify a debt besides its account reference. */
export type LetterReferences = Pick<ExtractedDebt, 'originalAccountReference' | 'courtClaimNumber' | 'otherReferences'>;

const ORIGINAL_ACCOUNT = /^original account/i;
const CLAIM = /^claim/i;
/**
 * Labels of numbers that never identify one debt. A bare "Account" is usually the creditor's bank
 * account for payments, printed on every letter it sends about any debt, so it would join unrelated
 * debts. Sort codes, bank accounts and National Insurance numbers belong to people and banks.
 */
const NOT_IDENTIFYING = /^(?:account|bank account|sort code|national insurance number|current account)$/i;

/**
 * Picks, from the reference facts of one letter, the original account number of a debt that was sold
 * on, the county court claim number, and further references that identify the debt (a masked card
 * number, a tenancy or case reference). The account reference itself is left out of the others.
 */
export function letterReferences(facts: Fact[], accountReference: string | null): LetterReferences {
  const references = facts.filter((fact) => fact.kind === 'reference');
  const squashed = (text: string) => text.replace(/[^A-Za-z0-9*]/g, '').toUpperCase();
  const account = accountReference ? squashed(accountReference) : null;

  const original = references.find((fact) => ORIGINAL_ACCOUNT.test(fact.label ?? ''));
  const claim = references.find((fact) => CLAIM.test(fact.label ?? ''));
  const others = new Map<string, { reference: string; label: string | null }>();
  for (const fact of references) {
    if (fact === original || fact === claim || NOT_IDENTIFYING.test(fact.label ?? '')) continue;
    const isCard = /^card/i.test(fact.label ?? '');
    if (!isCard && referenceRank(fact.label) === null) continue;
    const value = squashed(fact.raw);
    if (value === account || value === (original && squashed(original.raw)) || others.has(value)) continue;
    others.set(value, { reference: fact.raw.replace(/\s+/g, ' '), label: fact.label ?? null });
  }

  return {
    originalAccountReference: original ? original.raw.replace(/\s+/g, ' ') : null,
    courtClaimNumber: claim ? claim.value : null,
    otherReferences: [...others.values()],
  };
}

/**
 * Adds the identifying references of each debt's letter to debts the text model found, which name
 * only an account reference. A debt belongs to the letter that contains its page.
 */
export function withLetterReferences(debts: Omit<ExtractedDebt, keyof LetterReferences>[], pages: PageText[], facts: Fact[]): ExtractedDebt[] {
  const letters = splitIntoLetters(pages).map((letter) => new Set(letter.map((page) => page.pageNumber)));
  return debts.map((debt) => {
    const pageNumbers = letters.find((letter) => letter.has(debt.pageNumber)) ?? new Set([debt.pageNumber]);
    return { ...debt, ...letterReferences(facts.filter((fact) => pageNumbers.has(fact.pageNumber)), debt.accountReference) };
  });
}
