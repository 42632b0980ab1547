import { penceOf } from './amounts';
import { figureContext, type FigureContext } from './context';
import { MONEY_WORDS } from './facts';
import { splitLines, type TextLine } from './text';
import type { DocumentType, Fact, PageText } from './types';

/** The amount chosen as the debt, with the words that named it. */
export type DebtAmount = { fact: Fact; score: number; context: FigureContext };

/** Labels of the whole sum owed now: totals, balances due, "you owe", "amount you must pay now". */
const OWED_NOW = [
  /\btotal\b.{0,30}\b(?:owed|owing|due|outstanding|overdue|arrears|balance|to pay|overpayment|debt|claimed)\b/,
  /\b(?:balance|amount|sum|debt)s?\s+(?:now\s+)?(?:outstanding|owed|owing|due|overdue)\b/,
  /\boutstanding\s+balance\b/,
  /\btotal\s+amount\b/,
  /\bnew\s+balance\b/,
  /\b(?:amount|sum)\s+(?:that\s+)?you\s+(?:must|need\s+to|have\s+to)\s+pay\b/,
  /\byou\s+(?:now\s+)?owe\b/,
  /\bnow\s+owed\b/,
  /\bowed\s+to\s+us\b/,
  /\bpay\s+(?:us\s+)?back\b/,
  /\bamount\s+claimed\b/,
  /\boverdrawn\b/,
  /\bleft\s+to\s+pay\b/,
  /\bwhat\s+you\s+owe\b/,
  /\barrears\s+at\s+(?:the\s+)?date\b/,
  /\bpay\s+in\s+full\b/,
];
const ARREARS = [/\barrears\b/, /\boverdue\b/, /\bmissed\b/, /\bunpaid\b/];
const BALANCE = [/\bbalance\b/, /\bowed?\b/, /\bowing\b/, /\bdebt\b/, /\boutstanding\b/];
/** Labels of figures that are not the sum owed: instalments, fees, limits, payments, income. */
const NOT_OWED = [
  /\binstal?ments?\b/, /\bminimum\s+payments?\b/, /\bmonthly\b/, /\bweekly\b/, /\bfortnightly\b/, /\ba\s+(?:week|month|fortnight)\b/, /\beach\b/, /\bper\s+(?:week|month)\b/, /\bevery\b/,
  /\bfees?\b/, /\bcharged?\b/, /\binterest\b/, /\blimit\b/, /\bborrowed\b/, /\bamount\s+of\s+credit\b/, /\bprevious\s+balance\b/, /\bbrought\s+forward\b/, /\bopening\s+balance\b/,
  /\bpayments?\s+received\b/, /\bpaid\s+to\s+date\b/, /\bless\b/, /\bdiscount\b/, /\brebate\b/, /\bincome\b/, /\bsalary\b/, /\bwages?\b/, /\bdirect\s+debit\b/, /\btowards\b/,
  /\bplan\b/, /\boffer\b/, /\bcosts?\b/, /\bsurcharge\b/, /\bdeduct/, /\bunder\s+the\s+agreement\b/, /\brepayable\b/, /\bannual\b/, /\bfor\s+the\s+year\b/, /\bremaining\s+for\b/,
  /\bincrease\b/, /\bup\s+to\b/, /\bvalue\b/, /\bearnings\b/, /\bpurchases\b/, /\bavailable\b/, /\brate\b/,
];
/** Figures that only apply if something else happens: "will become payable", "making the debt". */
const CONDITIONAL = [/\bwill\s+(?:become|be\s+added|increase)\b/, /\bwould\b/, /\bif\s+(?:you\s+do\s+not|it\s+is\s+not|the\b)/, /\bmaking\s+the\s+debt\b/, /\bcould\b/, /\bmay\s+(?:be|have|then)\b/];
const NOW = /\bnow\b|\btoday\b|\bat\s+the\s+date\s+of\s+this\b/;
/** A figure printed as a threshold, such as the fee scale's "7.5% of the debt above £1,500". */
const THRESHOLD = /\b(?:above|over|exceeding|more\s+than|less\s+than|under|below|at\s+least|up\s+to)\s*$/;

/**
 * For these debts the advisor lists the arrears, not the year's charge or the whole mortgage, so
 * "arrears" and "overdue" labels count as much as a total.
 */
const ARREARS_TYPES = new Set<DocumentType>(['council_tax', 'rent', 'mortgage', 'energy', 'water', 'tv_licence']);

/** Below this score no figure is named as owed, and the debt is reported without an amount. */
const MIN_SCORE = 2;

/**
 * Chooses the amount owed now among a letter's amounts. Each printed figure is scored by its label,
 * row, column header and sentence; a value printed on several lines gains a little. Ties go to the
 * larger amount, because a total is at least each of its parts.
 */
export function chooseDebtAmount(pages: PageText[], facts: Fact[], documentType: DocumentType): DebtAmount | null {
  const linesByPage = new Map(pages.map((page) => [page.pageNumber, splitLines(page.text)]));
  const textByPage = new Map(pages.map((page) => [page.pageNumber, page.text]));
  const amounts = facts.filter((fact) => fact.kind === 'amount' && penceOf(fact.value) > 0 && textByPage.has(fact.pageNumber));

  const best = new Map<number, DebtAmount>();
  const lineCounts = new Map<number, Set<string>>();
  for (const fact of amounts) {
    const text = textByPage.get(fact.pageNumber)!;
    const lines = linesByPage.get(fact.pageNumber)!;
    const context = figureContext(text, lines, fact.index, fact.index + fact.raw.length, (words) => MONEY_WORDS.test(words));
    const score = scoreOccurrence(fact, context, documentType);
    const pence = penceOf(fact.value);
    if (!best.has(pence) || best.get(pence)!.score < score) best.set(pence, { fact, score, context });
    lineCounts.set(pence, (lineCounts.get(pence) ?? new Set()).add(`${fact.pageNumber}:${lineNumber(lines, fact.index)}`));
  }

  const ranked = [...best].map(([pence, choice]) => ({ pence, ...choice, score: choice.score + Math.min(2, lineCounts.get(pence)!.size - 1) }));
  ranked.sort((a, b) => b.score - a.score || b.pence - a.pence);
  const top = ranked[0];
  return top && top.score >= MIN_SCORE ? { fact: top.fact, score: top.score, context: top.context } : null;
}

function scoreOccurrence(fact: Fact, context: FigureContext, documentType: DocumentType): number {
  const own = `${context.before} ${context.rowLabel}`;
  // A figure in a table cell with no words of its own is named by its column header alone.
  const headerNames = !/[a-z]{3,}/i.test(own);
  const near = `${headerNames ? context.columnHeader : own} ${context.after.slice(0, 40)}`.toLowerCase();
  const header = headerNames ? '' : context.columnHeader.toLowerCase();
  const matches = (patterns: RegExp[], text: string) => patterns.some((pattern) => pattern.test(text));
  const arrearsWeight = ARREARS_TYPES.has(documentType) ? 10 : 6;

  let score = 0;
  let strong = false;
  if (matches(OWED_NOW, near)) {
    score += 10;
    strong = true;
  } else if (matches(ARREARS, near)) {
    score += arrearsWeight;
    strong = arrearsWeight === 10;
  } else if (matches(BALANCE, near)) {
    score += 5;
  } else if (matches(OWED_NOW, header)) {
    score += 4;
  } else if (matches(ARREARS, header) || matches(BALANCE, header)) {
    score += 2;
  }

  if (matches(NOT_OWED, near)) score -= strong ? 4 : 6;
  if (matches(CONDITIONAL, near)) score -= 5;
  if (THRESHOLD.test(context.before.toLowerCase())) score -= 8;
  if (NOW.test(near)) score += 2;
  if (fact.value.startsWith('-') && !/overdrawn|balance/.test(near)) score -= 3;
  return score;
}

function lineNumber(lines: TextLine[], index: number): number {
  return lines.findIndex((line) => index >= line.start && index <= line.end);
}
