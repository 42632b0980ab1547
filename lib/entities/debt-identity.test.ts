import { describe, expect, test } from 'vitest';
import { compareDebts, normaliseReference, type DebtIdentity } from './debt-identity';

const account = (printed: string) => normaliseReference(printed, 'account')!;
const identity = (overrides: Partial<DebtIdentity>): DebtIdentity => ({ references: [], creditorIds: ['bank'], amountPence: null, ...overrides });

describe('normaliseReference', () => {
  test('spaces and dashes ignored', () => {
    expect(account('6120 4418 7305')).toEqual({ value: '612044187305', kind: 'account', partial: false, printed: '6120 4418 7305' });
    expect(account('6120-4418-7305').value).toBe('612044187305');
  });

  test('masked number keeps its end', () => {
    expect(account('**** **** **** 0638')).toMatchObject({ value: '0638', kind: 'account', partial: true });
    expect(account('XXXX XXXX 7305')).toMatchObject({ value: '7305', kind: 'account', partial: true });
  });

  test('short or wordy values rejected', () => {
    expect(normaliseReference('**** 12', 'account')).toBeNull();
    expect(normaliseReference('ABCDEF', 'account')).toBeNull();
  });
});

describe('compareDebts', () => {
  test('shared full reference is the same debt', () => {
    expect(compareDebts(identity({ references: [account('6120 4418 7305')] }), identity({ references: [account('612044187305')] }))).toEqual({ kind: 'same' });
  });

  test('sold-on debt matches by original account', () => {
    const statement = identity({ references: [account('6120 4418 7305')], creditorIds: ['corrivale'] });
    const purchaser = identity({ references: [account('BPR/88314207'), normaliseReference('612044187305', 'original-account')!], creditorIds: ['brackwater', 'corrivale'] });
    expect(compareDebts(statement, purchaser)).toEqual({ kind: 'same' });
  });

  test('shared reference with unrelated creditors is proposed', () => {
    const match = compareDebts(identity({ references: [account('55210917')], creditorIds: ['landlord'] }), identity({ references: [account('55210917')], creditorIds: ['bank'] }));
    expect(match).toEqual({ kind: 'uncertain', reason: 'reference-other-creditor' });
  });

  test('last four digits are proposed', () => {
    const match = compareDebts(identity({ references: [account('4556 7310 2284 9163')] }), identity({ references: [account('**** 9163')] }));
    expect(match).toEqual({ kind: 'uncertain', reason: 'partial-reference' });
  });

  test('two accounts at one creditor differ', () => {
    const card = identity({ references: [account('4556 7310 2284 9163')], amountPence: 134218 });
    const loan = identity({ references: [account('60118274')], amountPence: 134218 });
    expect(compareDebts(card, loan)).toEqual({ kind: 'different' });
  });

  test('same creditor and amount without reference is proposed', () => {
    const match = compareDebts(identity({ references: [account('60118274')], amountPence: 42100 }), identity({ amountPence: 42100 }));
    expect(match).toEqual({ kind: 'uncertain', reason: 'same-creditor-same-amount' });
  });

  test('same amount with an unread creditor is proposed', () => {
    const match = compareDebts(identity({ references: [account('40118823')], creditorIds: ['council'], amountPence: 27630 }), identity({ creditorIds: [], amountPence: 27630 }));
    expect(match).toEqual({ kind: 'uncertain', reason: 'same-amount-creditor-unknown' });
  });

  test('a shared deadline with an unread creditor is proposed', () => {
    const catalogue = identity({ creditorIds: ['catalogue'], amountPence: 112635, deadlineDates: ['2026-08-17', '2027-02-10'] });
    const photo = identity({ creditorIds: [], amountPence: 8460, deadlineDates: ['2026-08-17'] });
    expect(compareDebts(catalogue, photo)).toEqual({ kind: 'uncertain', reason: 'same-deadline-creditor-unknown' });
  });

  test('different amounts with an unread creditor differ', () => {
    const match = compareDebts(identity({ creditorIds: ['council'], amountPence: 27630 }), identity({ creditorIds: [], amountPence: 69075 }));
    expect(match).toEqual({ kind: 'different' });
  });

  test('different creditors without references differ', () => {
    expect(compareDebts(identity({ creditorIds: ['council'] }), identity({ creditorIds: ['energy'] }))).toEqual({ kind: 'different' });
  });
});
