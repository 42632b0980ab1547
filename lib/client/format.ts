import type { DocumentStatus, DocumentType, ErasureReason, Page, Role } from './types';

const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const dayMonthYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const timeOfDay = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' });

/** Formats pounds given as a decimal string or number, e.g. "1234.5" → "£1,234.50". */
export function formatMoney(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const value = typeof amount === 'number' ? amount : Number(amount);
  return Number.isFinite(value) ? money.format(value) : String(amount);
}

/** Converts a decimal pounds string to whole pence, so totals add up without floating-point drift. */
export function toPence(amount: string | null | undefined): number {
  if (!amount) return 0;
  const value = Number(amount);
  return Number.isFinite(value) ? Math.round(value * 100) : 0;
}

export function formatPence(pence: number): string {
  return money.format(pence / 100);
}

/** Formats a calendar date 'YYYY-MM-DD' as "5 Mar 2025"; other text is shown as it is. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return dayMonthYear.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** Formats an ISO timestamp in the browser's time zone, e.g. "5 Mar 2025, 14:02". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** Formats the time of day of an ISO timestamp in the browser's time zone, e.g. "14:02". */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeOfDay.format(date);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : pluralForm}`;
}

/**
 * Labels of the kinds of letter, which also name a debt's type in the debts table. So they name what
 * the debt is where they can: a card debt stays "Credit card" when a purchaser writes about it.
 */
export const documentTypeLabels: Record<DocumentType, string> = {
  council_tax: 'Council tax',
  rent: 'Rent',
  mortgage: 'Mortgage',
  energy: 'Energy',
  water: 'Water',
  consumer_credit_default: 'Default notice (consumer credit)',
  debt_collection: 'Debt collection',
  credit_card_statement: 'Credit card',
  catalogue_bnpl: 'Catalogue or buy now, pay later',
  payday_loan: 'Payday loan',
  overdraft: 'Overdraft',
  letter_before_claim: 'Letter before claim',
  enforcement_agent: 'Enforcement agent (bailiff)',
  magistrates_fine: "Magistrates' court fine",
  benefit_overpayment: 'Benefit overpayment',
  universal_credit_statement: 'Universal Credit statement',
  payslip: 'Payslip',
  bank_statement: 'Bank statement',
  telecoms: 'Phone or broadband',
  hmrc_tax_credits: 'HMRC or tax credits',
  tv_licence: 'TV licence',
  county_court_claim: 'County court claim',
  other: 'Other',
};

/** Returns the label of a document type, or the raw value made readable for a type this build does not know. */
export function documentTypeLabel(type: string): string {
  if (type in documentTypeLabels) return documentTypeLabels[type as DocumentType];
  const words = type.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const pageMethodLabels: Record<Page['method'], string> = {
  'text-layer': 'Text layer',
  vision: 'Vision model',
  ocr: 'OCR',
  none: 'Not read',
};

export function pageMethodLabel(method: string): string {
  return pageMethodLabels[method as Page['method']] ?? method;
}

/**
 * Turns a page note from the server, lower-case reasons joined by "; " such as
 * "text layer unreadable; vision server unreachable", into sentences: "Text layer unreadable. Vision server unreachable."
 */
export function formatNote(note: string): string {
  return note
    .split(';')
    .map((reason) => reason.trim())
    .filter(Boolean)
    .map((reason) => `${reason.charAt(0).toUpperCase()}${reason.slice(1)}${/[.!?]$/.test(reason) ? '' : '.'}`)
    .join(' ');
}

const stageLabels: Record<string, string> = {
  reading: 'Reading pages',
  indexing: 'Indexing',
  extracting: 'Finding debts',
};

export function stageLabel(stage: string | null | undefined): string {
  if (!stage) return 'Starting';
  return stageLabels[stage] ?? stage;
}

export const statusLabels: Record<DocumentStatus, string> = {
  queued: 'Queued',
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
};

export function isFinished(status: DocumentStatus): boolean {
  return status === 'ready' || status === 'failed';
}

export const roleLabels: Record<Role, string> = {
  advisor: 'Advisor',
  admin: 'Admin',
};

/** Returns the other names something was written as, leaving out those that only repeat `name` in another capitalisation. */
export function otherNames(name: string | null, aliases: string[]): string[] {
  const shown = name?.trim().toLowerCase();
  return aliases.filter((alias) => alias.trim().toLowerCase() !== shown);
}

/** Words a printed date is made of: months, weekdays, ordinals and "of". */
const DATE_WORDS = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b\d+(?:st|nd|rd|th)\b|\bof\b/gi;

/** Returns the deadline's action, or '' when the letter's text only repeats its date. */
export function deadlineText(what: string, date: string): string {
  const words = what.trim();
  if (!words || words === date) return '';
  // Only a date is left once its words and figures go; a JavaScript Date would also read a whole sentence.
  const onlyDate = /\d/.test(words) && words.replace(DATE_WORDS, '').replace(/[\d\s,./-]/g, '') === '';
  return onlyDate ? '' : words;
}

/** Reasons for erasing a client, as the erase dialog offers them and the audit log shows them. */
export const erasureReasonLabels: Record<ErasureReason, string> = {
  'client-request': 'The client asked for their data to be erased',
  'retention-ended': 'The retention period has ended',
  'created-by-mistake': 'The client was created by mistake',
  other: 'Another reason',
};
