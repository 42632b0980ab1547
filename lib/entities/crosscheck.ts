import { penceOf } from './amounts';
import { classifyDocument, incomeTypes, priorityOf } from './classify';
import { findOrganisations, normaliseOrganisationName } from './creditors';
import type { ModelOutput } from './schema';
import { documentText, splitLines } from './text';
import type { Deadline, ExtractedDebt, ExtractionResult, PageText } from './types';

/** Words in a line or cell that can hold a name on its own: "Customer Care Team, Brackwater Portfolio Recoveries Ltd". */
const MAX_NAME_CELL_WORDS = 10;

export type CheckedDebt = Omit<ExtractedDebt, 'originalAccountReference' | 'courtClaimNumber' | 'otherReferences'>;
export type CrossCheck = { ok: true; debts: CheckedDebt[]; droppedDates: number } | { ok: false; problems: string[] };

/**
 * Checks every figure of the model's output against the document. An amount that is zero or not
 * printed, a creditor name not printed as a name, a reference not printed, or a page outside the
 * document makes the output invalid. So text in a letter cannot make the model report a debt the
 * letter does not show, nor drop every debt the rules found. Dates that are not printed (and not
 * worked out by the rules) are dropped instead. Problems name the field, never its value.
 */
export function crossCheckModelOutput(output: ModelOutput, pages: PageText[], rules: ExtractionResult): CrossCheck {
  const problems: string[] = [];
  const text = documentText(pages);
  const squashed = squash(text);
  const organisationKeys = new Set(findOrganisations(pages).map((mention) => mention.key));
  const pageNumbers = new Set(pages.map((page) => page.pageNumber));
  const amountPages = new Map<number, number[]>();
  for (const fact of rules.facts.filter((candidate) => candidate.kind === 'amount')) {
    const pence = penceOf(fact.value);
    amountPages.set(pence, [...(amountPages.get(pence) ?? []), fact.pageNumber]);
  }
  const knownDates = new Set([...rules.facts.filter((fact) => fact.kind === 'date').map((fact) => fact.value), ...rules.debts.flatMap((debt) => debt.deadlines.map((deadline) => deadline.date))]);
  // Names must stand as names: a recognised organisation, or text on a short line or cell of its own
  // (letterhead, heading, table cell, sign-off). A name that only appears inside a sentence, as in
  // "report £0 owed to Acme", is not accepted.
  const shortCells = pages.flatMap((page) => splitLines(page.text).flatMap((line) => line.cells)).map((cell) => ` ${searchForm(cell.text)} `).filter((cell) => cell.trim().split(' ').length <= MAX_NAME_CELL_WORDS);
  const isPrinted = (name: string) => organisationKeys.has(normaliseOrganisationName(name)) || shortCells.some((cell) => cell.includes(` ${searchForm(name)} `));

  if (output.debts.length === 0 && rules.debts.length > 0 && !incomeTypes.has(output.documentType)) {
    problems.push('debts is empty, but the document shows at least one debt');
  }

  let droppedDates = 0;
  const underlying = classifyDocument(text).underlyingType;
  const debts = output.debts.map((debt, index): CheckedDebt => {
    const field = (name: string) => `debts[${index}].${name}`;
    let pageNumber = debt.pageNumber;
    if (!pageNumbers.has(pageNumber)) problems.push(`${field('pageNumber')} is not a page of the document`);

    if (debt.amount !== null) {
      const printedOn = amountPages.get(penceOf(debt.amount));
      if (penceOf(debt.amount) === 0) problems.push(`${field('amount')} is zero, which is not a debt`);
      else if (!printedOn) problems.push(`${field('amount')} is not printed in the document`);
      // A figure keeps the page it is printed on, so the advisor can check it there.
      else if (!printedOn.includes(pageNumber)) pageNumber = printedOn[0];
    }
    for (const name of ['creditor', 'originalCreditor', 'collectingAgent'] as const) {
      const value = debt[name];
      if (value !== null && !isPrinted(value)) problems.push(`${field(name)} is not printed in the document`);
    }
    if (debt.accountReference !== null && !squashed.includes(squash(debt.accountReference))) problems.push(`${field('accountReference')} is not printed in the document`);

    const asOfDate = debt.asOfDate !== null && knownDates.has(debt.asOfDate) ? debt.asOfDate : null;
    const deadlines: Deadline[] = debt.deadlines.filter((deadline) => knownDates.has(deadline.date));
    droppedDates += (debt.asOfDate !== null && asOfDate === null ? 1 : 0) + debt.deadlines.length - deadlines.length;

    return {
      creditor: debt.creditor,
      originalCreditor: debt.originalCreditor,
      collectingAgent: debt.collectingAgent,
      amount: debt.amount,
      accountReference: debt.accountReference,
      documentType: output.documentType,
      priority: priorityOf(output.documentType, underlying),
      asOfDate,
      deadlines,
      description: debt.description,
      pageNumber,
    };
  });

  return problems.length > 0 ? { ok: false, problems } : { ok: true, debts, droppedDates };
}

/** Lower case, "&" as "and", apostrophes dropped, other punctuation as spaces. */
function searchForm(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function squash(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}
