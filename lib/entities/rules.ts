import { classifyDocument, incomeTypes } from './classify';
import { resolveParties } from './creditors';
import { letterReferences } from './debt-references';
import { otherCurrency } from './amounts';
import { chooseDebtAmount } from './debt-amount';
import { findAsOfDate, findDeadlines, findLetterDate } from './deadlines';
import { extractFacts } from './facts';
import { splitIntoLetters } from './letters';
import { referenceRank } from './references';
import { documentText } from './text';
import type { DocumentType, ExtractedDebt, ExtractionResult, Fact, PageText } from './types';

/**
 * Finds the debts in a document with deterministic rules alone. Each letter in the file gives at
 * most one debt: its type and priority, the amount owed now, the creditor (and any original creditor
 * or collecting agent), the account reference, the as-of date and the deadlines. Income documents
 * (payslips, bank and Universal Credit statements) give no debts.
 */
export function extractWithRules(pages: PageText[]): ExtractionResult {
  const facts = extractFacts(pages);
  const debts: ExtractedDebt[] = [];
  let documentType: DocumentType = 'other';
  let documentPriority: boolean | null = null;

  for (const [position, letter] of splitIntoLetters(pages).entries()) {
    const pageNumbers = new Set(letter.map((page) => page.pageNumber));
    const letterFacts = facts.filter((fact) => pageNumbers.has(fact.pageNumber));
    const classification = classifyDocument(documentText(letter));
    if (position === 0) {
      documentType = classification.documentType;
      documentPriority = classification.priority;
    }
    if (incomeTypes.has(classification.documentType)) continue;

    const debt = letterDebt(letter, letterFacts, classification.documentType, classification.priority);
    if (debt) debts.push(debt);
  }

  return { documentType, priority: debtsPriority(debts, documentPriority), debts, facts, source: 'rules', warnings: currencyWarnings(pages, debts) };
}

/** Warns that a document priced in dollars or euros gave no amount, since only pounds are read as sums owed. */
function currencyWarnings(pages: PageText[], debts: ExtractedDebt[]): string[] {
  const currency = pages.map((page) => otherCurrency(page.text)).find((found) => found !== null);
  if (!currency || debts.some((debt) => debt.amount !== null)) return [];
  return [`The amounts in this document are in ${currency}, not pounds, so none was counted as owed. If the client owes this, work out the sum in pounds and record it with the debt or in your case notes.`];
}

function letterDebt(letter: PageText[], facts: Fact[], documentType: DocumentType, priority: boolean | null): ExtractedDebt | null {
  const parties = resolveParties(letter);
  const amount = chooseDebtAmount(letter, facts, documentType);
  // A letter with no sum named as owed and no creditor (a leaflet, a form) contains no debt.
  if (!amount && (!parties.creditor || documentType === 'other')) return null;

  const letterDate = findLetterDate(letter, facts);
  const accountReference = chooseAccountReference(facts);
  return {
    creditor: parties.creditor,
    originalCreditor: parties.originalCreditor,
    collectingAgent: parties.collectingAgent,
    amount: amount ? amount.fact.value.replace('-', '') : null,
    accountReference,
    documentType,
    priority,
    asOfDate: amount ? findAsOfDate(amount.context, facts, letterDate) : letterDate,
    deadlines: findDeadlines(letter, facts, letterDate),
    description: describeDebt(documentType, amount ? amount.context.rowLabel || amount.context.before || amount.fact.label || '' : ''),
    pageNumber: amount?.fact.pageNumber ?? letter[0].pageNumber,
    ...letterReferences(facts, accountReference),
  };
}

/** The kind of debt each document type shows, for descriptions. */
const debtKinds: Record<DocumentType, string> = {
  council_tax: 'Council tax',
  rent: 'Rent',
  mortgage: 'Mortgage',
  energy: 'Gas or electricity',
  water: 'Water',
  consumer_credit_default: 'Credit agreement in default',
  debt_collection: 'Debt being collected',
  credit_card_statement: 'Credit card',
  catalogue_bnpl: 'Catalogue or buy now pay later',
  payday_loan: 'Payday loan',
  overdraft: 'Overdraft',
  letter_before_claim: 'Debt with a letter before claim',
  enforcement_agent: 'Debt with enforcement agents',
  magistrates_fine: "Magistrates' court fine",
  benefit_overpayment: 'Benefit overpayment',
  universal_credit_statement: 'Universal Credit',
  payslip: 'Pay',
  bank_statement: 'Bank account',
  telecoms: 'Phone or broadband',
  hmrc_tax_credits: 'Tax credits overpayment',
  tv_licence: 'TV licence',
  county_court_claim: 'County court claim',
  other: 'Debt',
};

/** Describes a debt by its kind and the words that named its amount: "Council tax – amount now overdue on your account". */
function describeDebt(documentType: DocumentType, label: string): string {
  const words = label
    .replace(/[\s:–-]+$/, '')
    .replace(/\s+(?:is|are|was|were|of|at|to)$/i, '')
    .trim();
  if (!words) return debtKinds[documentType];
  const sentenceCase = words === words.toUpperCase() ? words.toLowerCase() : words.charAt(0).toLowerCase() + words.slice(1);
  return `${debtKinds[documentType]} – ${sentenceCase}`.slice(0, 160);
}

/** Picks the account reference by its label: account numbers first, then customer, loan and debt references, then "our ref". */
function chooseAccountReference(facts: Fact[]): string | null {
  const ranked = facts
    .filter((fact) => fact.kind === 'reference')
    .map((fact) => ({ fact, rank: referenceRank(fact.label) }))
    .filter((entry): entry is { fact: Fact; rank: number } => entry.rank !== null);
  ranked.sort((a, b) => a.rank - b.rank || a.fact.pageNumber - b.fact.pageNumber || a.fact.index - b.fact.index);
  return ranked[0]?.fact.raw.replace(/\s+/g, ' ') ?? null;
}

/** Returns a document's priority: true when any debt is a priority debt, else its debts' or its type's. */
export function debtsPriority(debts: ExtractedDebt[], fallback: boolean | null): boolean | null {
  if (debts.some((debt) => debt.priority === true)) return true;
  if (debts.length > 0 && debts.every((debt) => debt.priority === false)) return false;
  return fallback;
}
