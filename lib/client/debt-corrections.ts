/**
 * An advisor's corrections of a resolved debt, as the correction form keeps them (one string per
 * field) and as PATCH /api/clients/{id}/debts/{debtId} takes them.
 */
import { documentTypeLabel, formatDate, formatMoney } from './format';
import type { Debt, DebtField } from './types';

/** The correctable fields in the order the form shows them, with their labels. */
export const correctionFields = [
  { field: 'amount', label: 'Amount owed' },
  { field: 'priority', label: 'Priority' },
  { field: 'creditor', label: 'Creditor' },
  { field: 'originalCreditor', label: 'Original creditor' },
  { field: 'collectingAgent', label: 'Collecting agent' },
  { field: 'accountReference', label: 'Account or reference' },
  { field: 'documentType', label: 'Type' },
  { field: 'asOfDate', label: 'Balance as of' },
  { field: 'description', label: 'Description' },
] as const satisfies readonly { field: DebtField; label: string }[];

export const fieldLabels = Object.fromEntries(correctionFields.map(({ field, label }) => [field, label])) as Record<DebtField, string>;

/** Form values: one string per field, '' for no value; priority is 'true', 'false' or ''. */
export type CorrectionValues = Record<DebtField, string>;

/** The body of a correction request: new values only, null to clear a field. */
export type CorrectionBody = Partial<Record<DebtField, string | boolean | null>>;

/** Maximum lengths the API accepts, so the form can report a value that is too long before sending. */
const maxLengths: Partial<Record<DebtField, number>> = { creditor: 200, originalCreditor: 200, collectingAgent: 200, accountReference: 80, description: 300 };

export function currentValues(debt: Debt): CorrectionValues {
  return {
    amount: debt.amount ?? '',
    priority: debt.priority === null ? '' : String(debt.priority),
    creditor: debt.creditor ?? '',
    originalCreditor: debt.originalCreditor ?? '',
    collectingAgent: debt.collectingAgent ?? '',
    accountReference: debt.accountReference ?? '',
    documentType: debt.documentType,
    asOfDate: debt.asOfDate ?? '',
    description: debt.description ?? '',
  };
}

type Parsed = { value: string | boolean | null } | { error: string };

/** Turns one form value into the value the API takes, or an error message naming what to enter. */
export function parseField(field: DebtField, input: string): Parsed {
  const text = input.trim();
  const limit = maxLengths[field];
  if (limit !== undefined && text.length > limit) return { error: `${fieldLabels[field]} can be at most ${limit} characters.` };

  switch (field) {
    case 'amount': {
      const written = text.replace(/[£\s]/g, '');
      if (written === '') return { value: null };
      // A comma only separates thousands: "147,96" is a mistyped £147.96, never £14,796.
      if (!/^(?:\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.\d{1,2})?$/.test(written)) {
        return { error: /,\d{1,2}$/.test(written) ? 'Put a point before the pence, such as 147.96.' : 'Enter the amount in pounds, such as 1234.56.' };
      }
      return { value: Number(written.replace(/,/g, '')).toFixed(2) };
    }
    case 'priority':
      return { value: text === '' ? null : text === 'true' };
    case 'documentType':
      return text === '' ? { error: 'Choose a type.' } : { value: text };
    case 'asOfDate':
      if (text === '') return { value: null };
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { value: text } : { error: 'Enter the date as day, month and year.' };
    default:
      return { value: text === '' ? null : text };
  }
}

/** Compares amounts as pence, so "3702.5" and "3702.50" are the same value. */
function sameValue(field: DebtField, a: string | boolean | null, b: string | boolean | null): boolean {
  if (field === 'amount' && typeof a === 'string' && typeof b === 'string') return Number(a).toFixed(2) === Number(b).toFixed(2);
  return a === b;
}

/**
 * Builds the correction request from the form: only the fields whose value differs from the debt's
 * current one. Returns the errors instead when a value is invalid.
 */
export function correctionBody(debt: Debt, values: CorrectionValues): { body: CorrectionBody; errors: Partial<Record<DebtField, string>> } {
  const current = currentValues(debt);
  const body: CorrectionBody = {};
  const errors: Partial<Record<DebtField, string>> = {};

  for (const { field } of correctionFields) {
    const parsed = parseField(field, values[field]);
    if ('error' in parsed) {
      errors[field] = parsed.error;
      continue;
    }
    const before = parseField(field, current[field]);
    if ('value' in before && sameValue(field, before.value, parsed.value)) continue;
    body[field] = parsed.value;
  }
  return { body, errors };
}

/** Formats a field's value for reading: pounds, dates as "19 Oct 2026", type labels. */
export function formatFieldValue(field: DebtField, value: string | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') {
    if (field === 'priority') return 'Not classified';
    return '—';
  }
  if (field === 'amount') return formatMoney(String(value));
  if (field === 'priority') return value === true || value === 'true' ? 'Priority' : 'Non-priority';
  if (field === 'documentType') return documentTypeLabel(String(value));
  if (field === 'asOfDate') return formatDate(String(value));
  return String(value);
}
