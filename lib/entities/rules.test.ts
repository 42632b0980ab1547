import { describe, expect, it } from 'vitest';
import { sampleNames, samplePages, sampleTruth } from './__fixtures__/samples';
import { penceOf } from './amounts';
import { extractWithRules } from './rules';
import type { PageText } from './types';

const debtSamples = sampleNames.filter((name) => sampleTruth(name).debts.length > 0);
const incomeSamples = sampleNames.filter((name) => sampleTruth(name).debts.length === 0);
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, '').toLowerCase();

/** Makes a synthetic page. Every name, number and place in these letters is invented. */
function page(text: string, pageNumber = 1): PageText {
  return { pageNumber, text };
}

describe('extractWithRules on the samples', () => {
  it.each(debtSamples)('finds the amount owed in %s', async (name) => {
    const result = extractWithRules(await samplePages(name));
    expect(result.debts).toHaveLength(1);
    expect(penceOf(result.debts[0].amount ?? '0')).toBe(Math.round(sampleTruth(name).debts[0].amount * 100));
  });

  it.each(debtSamples)('finds the account reference in %s', async (name) => {
    const truth = sampleTruth(name).debts[0];
    const accepted = [truth.accountRef, ...truth.otherRefs.map((other) => other.ref)].map(squash);
    const result = extractWithRules(await samplePages(name));
    expect(accepted).toContain(squash(result.debts[0].accountReference));
  });

  it.each(incomeSamples)('finds no debts in %s', async (name) => {
    const result = extractWithRules(await samplePages(name));
    expect(result.debts).toEqual([]);
    expect(result.priority).toBeNull();
  });

  it('keeps the page where the amount is printed', async () => {
    const result = extractWithRules(await samplePages('13_letter_before_claim'));
    const pages = await samplePages('13_letter_before_claim');
    expect(pages[result.debts[0].pageNumber - 1].text).toContain('£5,412.86');
  });

  it('reports the source as rules', async () => {
    const result = extractWithRules(await samplePages('01_council_tax_reminder'));
    expect(result.source).toBe('rules');
    expect(result.warnings).toEqual([]);
  });

  it('prefers the overdue amount to the year’s balance', async () => {
    const result = extractWithRules(await samplePages('01_council_tax_reminder'));
    expect(result.debts[0].amount).toBe('276.30');
  });

  it('prefers the balance to the arrears for credit', async () => {
    const result = extractWithRules(await samplePages('07_default_notice_cca'));
    expect(result.debts[0].amount).toBe('3655.19');
  });

  it('finds every deadline of a letter', async () => {
    const result = extractWithRules(await samplePages('16_dwp_benefit_overpayment'));
    expect(result.debts[0].deadlines.map((deadline) => deadline.date)).toEqual(['2026-07-06', '2026-07-08', '2026-07-27']);
    expect(result.debts[0].deadlines[0].what).toMatch(/contact us/i);
  });

  it('finds a hearing date as a deadline', async () => {
    const result = extractWithRules(await samplePages('04_rent_arrears_possession_claim'));
    expect(result.debts[0].deadlines.map((deadline) => deadline.date)).toContain('2027-01-13');
  });

  it('dates the amount where the letter does', async () => {
    const result = extractWithRules(await samplePages('10_catalogue_arrears'));
    expect(result.debts[0].asOfDate).toBe('2026-08-03');
  });

  it('dates the amount by the letter otherwise', async () => {
    const result = extractWithRules(await samplePages('14_enforcement_agent_notice'));
    expect(result.debts[0].asOfDate).toBe('2026-10-05');
  });

  it('finds one debt per letter in a stapled file', async () => {
    const councilTax = await samplePages('01_council_tax_reminder');
    const energy = await samplePages('05_energy_arrears');
    const pages = [...councilTax, ...energy.map((energyPage) => ({ ...energyPage, pageNumber: energyPage.pageNumber + councilTax.length }))];
    const result = extractWithRules(pages);
    expect(result.debts.map((debt) => [debt.documentType, debt.amount, debt.pageNumber])).toEqual([
      ['council_tax', '276.30', 1],
      ['energy', '612.48', 2],
    ]);
    expect(result.priority).toBe(true);
  });
});

describe('extractWithRules on other letters', () => {
  it('counts a deadline in days from the letter', () => {
    const result = extractWithRules([
      page('# Fernmoor Water Services Ltd\n\nDate: 2 November 2026\n\nDear Mr Pettifer,\n\n| Total amount due | £482.19 |\n| --- | --- |\n\nPlease pay within 14 days of the date of this letter.'),
    ]);
    expect(result.debts[0].deadlines.map((deadline) => deadline.date)).toEqual(['2026-11-16']);
  });

  it('lists mortgage arrears rather than the loan', () => {
    const result = extractWithRules([
      page(
        '## Greyhaven Building Society\n\nMortgage account number 8812345601\nDate: 4 November 2026\n\n# Your mortgage is in arrears\n\n| Monthly mortgage payment | £771.50 |\n| --- | --- |\n| Arrears | £1,543.00 |\n| Outstanding mortgage balance | £98,412.77 |\n\nYour home may be repossessed if you do not keep up repayments on your mortgage.',
      ),
    ]);
    expect(result.documentType).toBe('mortgage');
    expect(result.debts[0].amount).toBe('1543.00');
    expect(result.debts[0].priority).toBe(true);
  });

  it('reads an amount printed only in a table', () => {
    const result = extractWithRules([
      page(
        '# Ashcombe Homes\n\n| Tenancy reference | AH-220198 |\n| --- | --- |\n| Statement date | 30 October 2026 |\n\n## Rent statement\n\n| Date | Transaction | Debit (£) | Credit (£) | Balance (£) |\n| --- | --- | --- | --- | --- |\n| 12/10/2026 | Rent | 105.20 |  | 645.20 |\n| 19/10/2026 | Payment |  | 200.00 | 445.20 |\n| 30/10/2026 | Arrears at date of statement |  |  | 550.40 |\n\nPlease contact your housing officer about your rent arrears.',
      ),
    ]);
    expect(result.debts[0].amount).toBe('550.40');
    expect(result.debts[0].accountReference).toBe('AH-220198');
  });

  it('reads plain lines from OCR', () => {
    const result = extractWithRules([
      page(
        'MARLOW & GREAVES BANK PLC\nDate 5 November 2026\nLoan account number 5520 1199 0043\nDear Mr Okoye\nYou have missed three monthly payments of £212.40.\nArrears £637.20\nTotal balance outstanding £6,904.18\nPlease pay the arrears by 19 November 2026.\nYours sincerely\nMarlow & Greaves Bank plc',
      ),
    ]);
    expect(result.debts[0].amount).toBe('6904.18');
    expect(result.debts[0].creditor).toBe('Marlow & Greaves Bank plc');
    expect(result.debts[0].accountReference).toBe('5520 1199 0043');
    expect(result.debts[0].priority).toBe(false);
  });

  it('reads the sum to pay in full when OCR loses its label', () => {
    // A photo of the enforcement notice read by OCR: the fee table's labels and figures come apart.
    const result = extractWithRules([
      page(
        'BLACKTHORN RIGG ENFORCEMENT LTD\nNOTICE OF ENFORCEMENT\nWexhollow City Council obtained a liability order against you.\n\nCouncil tax arrears 2025/26\n\nAMOUNT YOU MUST PAY NOW\n\n£1,117.48\n\n£1,287.48\n\nPay £1,287.48 in full, or agree a payment arrangement with us, by 13 October 2026.\n\nPay by bank transfer to sort code 30-99-88, account 41526630, quoting BRE-4471-0092-33.',
      ),
    ]);
    expect(result.debts[0].amount).toBe('1287.48');
    expect(result.debts[0].accountReference).toBe('BRE-4471-0092-33');
    expect(result.debts[0].otherReferences.map((other) => other.reference)).not.toContain('41526630');
  });

  it('keeps a coded reference whose label OCR lost', () => {
    // A scan of the energy letter: the "Account number" label in the shaded box was not read.
    const result = extractWithRules([
      page(
        'Quillstone Energy\n\nCorinne Ashdale Ae\n\nFlat 3 QE-30418857\n\n27 Wrenfield Close Date: 30 September 2026\n\nWhat you owe Amount\nElectricity (meter E17Q 04418) £401.37\nGas (meter G4 772 190) £211.11\n\nTotal balance owed £612.48\n\nQuillstone Energy Ltd, 9 Tern Quay, Cindermere QH2 8VK.',
      ),
    ]);
    expect(result.debts[0].amount).toBe('612.48');
    expect(result.debts[0].accountReference).toBe('QE-30418857');
  });

  it('dates a balance assigned by the date of assignment', () => {
    const result = extractWithRules([
      page(
        'Brackwater Portfolio Recoveries Ltd\n14 September 2026\n\nNOTICE OF ASSIGNMENT\n\n| Date of assignment | 01/09/2026 |\n| Balance assigned and now owed to us | £3,702.56 |\n\nPlease contact us by 5 October 2026.',
      ),
    ]);
    expect(result.debts[0].amount).toBe('3702.56');
    expect(result.debts[0].asOfDate).toBe('2026-09-01');
  });

  it('dates a balance by the bill the letter names', () => {
    const result = extractWithRules([
      page('Quillstone Energy Ltd\nDate: 30 September 2026\n\nYour latest bill on 14 September 2026 showed that your energy account is in arrears.\n\n| What you owe | Amount |\n| --- | --- |\n| Total balance owed | £612.48 |'),
    ]);
    expect(result.debts[0].amount).toBe('612.48');
    expect(result.debts[0].asOfDate).toBe('2026-09-14');
  });

  it('reads a total whose label OCR broke with a stray stop', () => {
    // The catalogue letter's scan: the date before the total was misread as "2t03/08/2026 CT.".
    const result = extractWithRules([
      page(
        'NOTICE OF SUMS IN ARREARS\n\nYour account is therefore £84.60 in arrears.\n\nArrears (two missed payments) £84.60\nStandard account balance £727.35\nBuy Now Pay Later plan balance (see below) £399.00\nTotal account balance 2t03/08/2026 CT. £1,12635\n\nPlease pay the arrears of £84.60 by 17 August 2026.',
      ),
    ]);
    expect(result.debts[0].amount).toBe('1126.35');
  });

  it('takes no threshold in a fee scale as the debt', () => {
    // Page 2 of an enforcement notice on its own: the fee table and what agents cannot take.
    const result = extractWithRules([
      page(
        'Fees we may add\n\nCompliance When this notice is issued £75.00\nEnforcement When an enforcement agent first visits £235.00 7.5% of the debt above £1,500\nSale When goods are removed for sale £110.00 7.5% of the debt above £1,500\n\nAgents cannot take items you need for your job up to a total value of £1,350.',
      ),
    ]);
    expect(result.debts.map((debt) => debt.amount)).not.toContain('1500.00');
    expect(result.debts.map((debt) => debt.amount)).not.toContain('1350.00');
  });

  it('describes a deadline from its whole sentence', () => {
    const result = extractWithRules([
      page('Date of notice 5 October 2026\n\nAmount you must pay now £1,287.48\n\nIf you do not pay or agree an\n\narrangement by then, an enforcement agent may visit your home from 14 October 2026 to take control of goods, which may then be removed and sold at auction to pay what is owed.'),
    ]);
    const visit = result.debts[0].deadlines.find((deadline) => deadline.date === '2026-10-14');
    expect(visit?.what).toMatch(/^If you do not pay or agree an arrangement by then/);
    expect(visit?.what).not.toMatch(/\w…$|\bau$/);
  });

  it('counts no dollars as pounds', () => {
    const result = extractWithRules([page('Invoice INV/2023/03/0008\n\n| Description | Quantity | Amount |\n| --- | --- | --- |\n| Office Chair | 1.00 | $ 70.00 |\n\nTotal $ 279.84\nDue Date: 04/04/2023')]);
    expect(result.debts.every((debt) => debt.amount === null)).toBe(true);
    expect(result.warnings).toEqual([expect.stringContaining('in US dollars, not pounds')]);
  });

  it('finds nothing in a page without figures', () => {
    const result = extractWithRules([page('Thank you for coming to our open day.')]);
    expect(result.debts).toEqual([]);
    expect(result.documentType).toBe('other');
  });

  it('finds nothing in no pages', () => {
    const result = extractWithRules([]);
    expect(result.debts).toEqual([]);
    expect(result.facts).toEqual([]);
  });
});
