import { z } from 'zod';
import { normaliseAmount } from './amounts';
import { documentTypes } from './types';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date, YYYY-MM-DD').describe('ISO date, YYYY-MM-DD');
const pounds = z.string().regex(/^\d+(?:\.\d{1,2})?$/, 'must be pounds as digits, e.g. "1234.56"').describe('pounds as digits with a decimal point, e.g. "1234.56"');
const organisation = z.string().min(1).max(200).nullable();

export const modelDebtSchema = z.object({
  creditor: organisation.describe('the organisation owed the money now, as printed'),
  originalCreditor: organisation.describe('who sold or assigned the debt, when it was sold or assigned'),
  collectingAgent: organisation.describe('solicitors, collection agency or enforcement agents acting for the creditor'),
  amount: pounds.nullable().describe('the sum owed now'),
  accountReference: z.string().min(1).max(80).nullable().describe('the account or reference number of the debt, as printed'),
  asOfDate: isoDate.nullable().describe('the date the amount was worked out at'),
  deadlines: z.array(z.object({ date: isoDate, what: z.string().min(1).max(300) })).max(10),
  description: z.string().max(300).nullable(),
  pageNumber: z.number().int().min(1).describe('the page where the amount is printed'),
});

/** The text model's output: the document's type and its debts. */
export const modelOutputSchema = z.object({
  documentType: z.enum(documentTypes),
  debts: z.array(modelDebtSchema).max(20),
});

export type ModelOutput = z.infer<typeof modelOutputSchema>;
export type ModelDebt = z.infer<typeof modelDebtSchema>;

/**
 * The JSON schema sent as Ollama's `format`, which constrains the model's output to this shape.
 * NOTE: tested only against the fake Ollama server. Whether a real server enforces the `pattern`
 * of amounts and dates is unverified, so `coerceModelOutput` and the zod check still apply.
 */
export const modelOutputJsonSchema = z.toJSONSchema(modelOutputSchema);

/**
 * Rewrites amounts the model wrote as numbers or as printed ("£1,234.56") into the schema's form
 * before validation. Anything else is left for the schema to reject.
 */
export function coerceModelOutput(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { debts?: unknown }).debts)) return raw;
  const debts = (raw as { debts: unknown[] }).debts.map((debt) => {
    if (typeof debt !== 'object' || debt === null) return debt;
    const amount = (debt as { amount?: unknown }).amount;
    if (typeof amount !== 'number' && typeof amount !== 'string') return debt;
    return { ...debt, amount: normaliseAmount(amount)?.replace('-', '') ?? amount };
  });
  return { ...raw, debts };
}
