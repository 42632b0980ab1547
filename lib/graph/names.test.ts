import { describe, expect, it } from 'vitest';
import { debtName, neighbourName, nodeName, relationLabel } from './names';

describe('debtName', () => {
  it('names the creditor and amount', () => {
    expect(debtName({ amount: 612.48, creditor: 'Quillstone Energy Ltd' })).toBe('Quillstone Energy Ltd £612.48');
  });

  it('groups thousands', () => {
    expect(debtName({ amount: 3702.56, creditor: 'Brackwater Portfolio Recoveries Ltd' })).toBe('Brackwater Portfolio Recoveries Ltd £3,702.56');
  });

  it('says when the creditor is unknown', () => {
    expect(debtName({ amount: 84.6 })).toBe('Unknown creditor £84.60');
  });

  it('says when the amount is unknown', () => {
    expect(debtName({ creditor: 'Quillstone Energy Ltd' })).toBe('Quillstone Energy Ltd, amount unknown');
  });
});

describe('nodeName', () => {
  it('names a debt from its properties, not its stored label', () => {
    expect(nodeName({ type: 'Debt', label: '£612.48', properties: { amount: 612.48, creditor: 'Quillstone Energy Ltd' } })).toBe('Quillstone Energy Ltd £612.48');
  });

  it('shows a deadline as a date', () => {
    expect(nodeName({ type: 'Deadline', label: '2026-10-14', properties: {} })).toBe('14 Oct 2026');
  });

  it('keeps other labels', () => {
    expect(nodeName({ type: 'Document', label: '01_council_tax_reminder.pdf', properties: {} })).toBe('01_council_tax_reminder.pdf');
  });
});

describe('relationLabel', () => {
  it('names a document from its client', () => {
    expect(relationLabel('HAS_DOCUMENT', 'source')).toBe('Documents');
  });

  it('names the client from its document', () => {
    expect(relationLabel('HAS_DOCUMENT', 'target')).toBe('Client');
  });

  it('names a debt from its document', () => {
    expect(relationLabel('MENTIONED_IN', 'target')).toBe('Debts it mentions');
  });

  it('names the documents from their debt', () => {
    expect(relationLabel('MENTIONED_IN', 'source')).toBe('Mentioned in');
  });

  it('names a debt from its deadline', () => {
    expect(relationLabel('HAS_DEADLINE', 'target')).toBe('Deadline of');
  });

  it('names the client from its debt', () => {
    expect(relationLabel('OWES', 'target')).toBe('Owed by');
  });

  it('makes an unknown type readable', () => {
    expect(relationLabel('GUARANTEED_BY', 'source')).toBe('Guaranteed by');
  });
});

describe('neighbourName', () => {
  const debt = { type: 'Debt' as const, label: '£612.48', clientId: 'tobias', properties: { amount: 612.48, creditor: 'Quillstone Energy Ltd' } };

  it('names the client of another client\'s debt', () => {
    expect(neighbourName(debt, null, 'Tobias Quennell')).toBe('Quillstone Energy Ltd £612.48 (Tobias Quennell)');
  });

  it('leaves out the client of its own debt', () => {
    expect(neighbourName(debt, 'tobias', 'Tobias Quennell')).toBe('Quillstone Energy Ltd £612.48');
  });

  it('leaves out a client it cannot name', () => {
    expect(neighbourName(debt, null, undefined)).toBe('Quillstone Energy Ltd £612.48');
  });
});
