import { describe, expect, it } from 'vitest';
import { samplePages } from './__fixtures__/samples';
import { findDates } from './dates';
import { extractFacts } from './facts';
import type { Fact } from './types';

async function factsOf(name: string): Promise<Fact[]> {
  return extractFacts(await samplePages(name));
}

const page = (text: string) => ({ pageNumber: 1, text });
const values = (facts: Fact[], kind: Fact['kind']) => facts.filter((fact) => fact.kind === kind).map((fact) => fact.value);

describe('amount facts', () => {
  it('reads pounds with commas and pence', async () => {
    const facts = await factsOf('01_council_tax_reminder');
    expect(values(facts, 'amount')).toContain('1842.17');
    expect(values(facts, 'amount')).toContain('276.30');
  });

  it('keeps the sign of a printed negative', async () => {
    const facts = await factsOf('01_council_tax_reminder');
    const discount = facts.find((fact) => fact.raw === '-£460.54');
    expect(discount?.value).toBe('-460.54');
    expect(discount?.label).toMatch(/single person discount/i);
  });

  it('reads whole pounds as pence', async () => {
    const facts = await factsOf('14_enforcement_agent_notice');
    const limit = facts.find((fact) => fact.kind === 'amount' && fact.raw === '£1,350');
    expect(limit?.value).toBe('1350.00');
  });

  it('reads bare figures in a statement table', async () => {
    const facts = await factsOf('04_rent_arrears_possession_claim');
    const bare = facts.filter((fact) => fact.kind === 'amount' && fact.pageNumber === 2 && fact.raw === '1,847.93');
    expect(bare.length).toBeGreaterThan(0);
    expect(bare[0].value).toBe('1847.93');
  });

  it('labels a figure from its table row', async () => {
    const facts = await factsOf('05_energy_arrears');
    const total = facts.find((fact) => fact.kind === 'amount' && /total balance owed/i.test(fact.label ?? ''));
    expect(total?.value).toBe('612.48');
  });

  it('skips a spaced dash used as punctuation', async () => {
    const facts = await factsOf('13_letter_before_claim');
    expect(values(facts, 'amount')).not.toContain('-5412.86');
  });

  it('skips times and percentages', async () => {
    const facts = await factsOf('12_overdraft_demand');
    expect(values(facts, 'amount')).not.toContain('39.90');
    expect(values(facts, 'amount')).toContain('-1264.37');
  });

  it('restores a decimal point lost in OCR', () => {
    const facts = extractFacts([page('Total account balance at 03/08/2026 £1,12635\nArrears £84,600 owed')]);
    expect(values(facts, 'amount')).toContain('1126.35');
    expect(values(facts, 'amount')).toContain('84600.00');
  });

  it('keeps the page of every fact', async () => {
    const facts = await factsOf('13_letter_before_claim');
    const balanceDue = facts.find((fact) => fact.kind === 'amount' && /balance due/i.test(fact.label ?? ''));
    expect(balanceDue?.pageNumber).toBe(2);
    expect(new Set(facts.map((fact) => fact.pageNumber))).toEqual(new Set([1, 2, 3, 4]));
  });
});

describe('date facts', () => {
  it('reads written dates as ISO', async () => {
    const facts = await factsOf('01_council_tax_reminder');
    expect(values(facts, 'date')).toContain('2026-10-12');
  });

  it('reads numeric dates as ISO', async () => {
    const facts = await factsOf('01_council_tax_reminder');
    const payBy = facts.find((fact) => fact.raw === '19/10/2026');
    expect(payBy?.value).toBe('2026-10-19');
  });

  it('reads abbreviated months', async () => {
    const facts = await factsOf('05_energy_arrears');
    expect(facts.find((fact) => fact.raw === '15 Oct 2026')?.value).toBe('2026-10-15');
  });

  it('reads upper-case months', async () => {
    const facts = await factsOf('15_magistrates_fine_reminder');
    expect(values(facts, 'date')).toContain('2026-09-22');
  });

  it('reads ordinals and ISO dates', () => {
    const found = findDates('Due on 1st September 2026, confirmed 2026-10-12, paid 3rd of March, 2025 and 14/02/27.');
    expect(found.map((date) => date.value)).toEqual(['2026-09-01', '2026-10-12', '2025-03-03', '2027-02-14']);
  });

  it('rejects impossible dates and sort codes', () => {
    expect(findDates('31/02/2026 and sort code 20-58-16')).toEqual([]);
  });
});

describe('reference facts', () => {
  it('reads a labelled account reference', async () => {
    const facts = await factsOf('01_council_tax_reminder');
    const reference = facts.find((fact) => fact.kind === 'reference' && fact.value === '40118823');
    expect(reference?.label).toMatch(/account ref/i);
  });

  it('reads an account number printed in groups', async () => {
    const facts = await factsOf('07_default_notice_cca');
    const account = facts.find((fact) => fact.kind === 'reference' && fact.raw === '6120 4418 7305');
    expect(account?.value).toBe('612044187305');
    expect(account?.label).toBe('Account number');
  });

  it('reads a masked card number', async () => {
    const facts = await factsOf('09_credit_card_statement');
    const card = facts.find((fact) => fact.kind === 'reference' && fact.raw === '**** **** **** 0638');
    expect(card?.label).toBe('Card number');
  });

  it('reads references with prefixes and slashes', async () => {
    const facts = await factsOf('13_letter_before_claim');
    expect(values(facts, 'reference')).toContain('AT/OVF/88213/KJ');
    expect(values(facts, 'reference')).toContain('OVF-L-5582047');
  });

  it('reads a reference printed below its label', async () => {
    const facts = await factsOf('05_energy_arrears');
    const account = facts.find((fact) => fact.kind === 'reference' && fact.value === 'QE-30418857');
    expect(account?.label).toBe('Account number');
  });

  it('reads a county court claim number', async () => {
    const facts = await factsOf('04_rent_arrears_possession_claim');
    expect(values(facts, 'reference')).toContain('K4QX9V27');
  });

  it('reads a National Insurance number', async () => {
    const facts = await factsOf('16_dwp_benefit_overpayment');
    const insurance = facts.find((fact) => fact.kind === 'reference' && fact.value === 'QQ734062A');
    expect(insurance?.raw).toBe('QQ 73 40 62 A');
  });

  it('reads a sort code', async () => {
    const facts = await factsOf('12_overdraft_demand');
    expect(facts.find((fact) => fact.kind === 'reference' && fact.label === 'Sort code')?.value).toBe('20-58-16');
  });

  it('labels an account printed with a sort code as a bank account', () => {
    const facts = extractFacts([page('Pay by bank transfer to sort code 30-99-88, account 41526630, quoting BRE-4471-0092-33.')]);
    const references = facts.filter((fact) => fact.kind === 'reference');
    expect(references.find((fact) => fact.value === '41526630')?.label).toBe('Bank account');
    expect(references.find((fact) => fact.raw === 'BRE-4471-0092-33')?.label).toBe('Reference to quote');
  });

  it('keeps phone numbers out', async () => {
    const facts = await factsOf('20_mobile_phone_arrears');
    expect(values(facts, 'reference')).not.toContain('03069990610');
  });
});

describe('postcode facts', () => {
  it('finds well-formed postcodes', async () => {
    const facts = await factsOf('14_enforcement_agent_notice');
    expect(values(facts, 'postcode')).toContain('XR4 7CM');
    expect(values(facts, 'postcode')).toContain('XR6 2CV');
  });

  it('skips meter serials', async () => {
    const facts = await factsOf('05_energy_arrears');
    expect(values(facts, 'postcode')).toEqual(expect.arrayContaining(['QV7 3CK', 'QH2 8VK']));
    expect(values(facts, 'postcode').some((postcode) => postcode.startsWith('E17'))).toBe(false);
  });
});
