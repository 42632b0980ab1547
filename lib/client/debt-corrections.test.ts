import { describe, expect, it } from 'vitest';
import { correctionBody, currentValues, formatFieldValue, parseField } from './debt-corrections';
import type { Debt } from './types';

const debt = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  clientId: 'a1b2c3d4-0000-4000-8000-000000000002',
  creditor: 'Brackwater Portfolio Recoveries Ltd',
  creditorId: 'a1b2c3d4-0000-4000-8000-000000000003',
  creditorAliases: [],
  originalCreditor: 'Corrivale Card Services Ltd',
  originalCreditorId: 'a1b2c3d4-0000-4000-8000-000000000004',
  collectingAgent: null,
  collectingAgentId: null,
  amount: '3702.56',
  currency: 'GBP',
  asOfDate: '2026-09-01',
  accountReference: 'BPR/88314207',
  references: [],
  documentType: 'debt_collection',
  priority: false,
  description: null,
  courtClaimNumber: null,
  deadlines: [],
  documentId: 'a1b2c3d4-0000-4000-8000-000000000005',
  documentName: '08_debt_collection_sold_on.pdf',
  pageNumber: 1,
  source: 'rules',
  lockedFields: [],
  addressedTo: null,
  countedInTotals: true,
  extracted: {},
  mentions: [],
  balanceHistory: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
} satisfies Debt;

describe('parseField', () => {
  it('reads pounds with a sign and commas', () => {
    expect(parseField('amount', '£3,800.5')).toEqual({ value: '3800.50' });
  });

  it('rejects a comma before the pence', () => {
    expect(parseField('amount', '147,96')).toEqual({ error: 'Put a point before the pence, such as 147.96.' });
    expect(parseField('amount', '1,47')).toEqual({ error: 'Put a point before the pence, such as 147.96.' });
    expect(parseField('amount', '12,34,567')).toEqual({ error: 'Enter the amount in pounds, such as 1234.56.' });
    expect(parseField('amount', '14,796')).toEqual({ value: '14796.00' });
  });

  it('rejects an amount that is not pounds', () => {
    expect(parseField('amount', 'lots')).toEqual({ error: 'Enter the amount in pounds, such as 1234.56.' });
  });

  it('clears an empty amount', () => {
    expect(parseField('amount', ' ')).toEqual({ value: null });
  });

  it('reads priority choices', () => {
    expect(parseField('priority', 'true')).toEqual({ value: true });
    expect(parseField('priority', 'false')).toEqual({ value: false });
    expect(parseField('priority', '')).toEqual({ value: null });
  });

  it('rejects a reference over the limit', () => {
    expect(parseField('accountReference', 'X'.repeat(81))).toEqual({ error: 'Account or reference can be at most 80 characters.' });
  });
});

describe('correctionBody', () => {
  it('sends nothing for an unchanged form', () => {
    expect(correctionBody(debt, currentValues(debt))).toEqual({ body: {}, errors: {} });
  });

  it('sends only changed fields', () => {
    const values = { ...currentValues(debt), amount: '3,650', priority: 'true' };
    expect(correctionBody(debt, values).body).toEqual({ amount: '3650.00', priority: true });
  });

  it('treats the same amount written differently as unchanged', () => {
    expect(correctionBody(debt, { ...currentValues(debt), amount: '£3,702.56' }).body).toEqual({});
  });

  it('sends null for a cleared field', () => {
    expect(correctionBody(debt, { ...currentValues(debt), accountReference: '' }).body).toEqual({ accountReference: null });
  });

  it('returns errors instead of invalid values', () => {
    const result = correctionBody(debt, { ...currentValues(debt), amount: 'about 300', asOfDate: '1 Sept' });
    expect(result.body).toEqual({});
    expect(Object.keys(result.errors)).toEqual(['amount', 'asOfDate']);
  });
});

describe('formatFieldValue', () => {
  it('formats each kind of value for reading', () => {
    expect(formatFieldValue('amount', '3655.19')).toBe('£3,655.19');
    expect(formatFieldValue('priority', null)).toBe('Not classified');
    expect(formatFieldValue('priority', false)).toBe('Non-priority');
    expect(formatFieldValue('asOfDate', '2026-10-19')).toBe('19 Oct 2026');
    expect(formatFieldValue('documentType', 'debt_collection')).toBe('Debt collection');
    expect(formatFieldValue('creditor', null)).toBe('—');
  });
});
