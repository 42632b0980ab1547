import { describe, expect, it } from 'vitest';
import { sampleNames, samplePages, sampleTruth } from './__fixtures__/samples';
import { findOrganisations, normaliseOrganisationName, resolveParties } from './creditors';

describe('normaliseOrganisationName', () => {
  it('ignores case, legal form and punctuation', () => {
    expect(normaliseOrganisationName('PENHALLOW AND FINCH HOME SHOPPING LIMITED')).toBe(normaliseOrganisationName('Penhallow & Finch Home Shopping Ltd'));
  });

  it('drops plc and a leading "the"', () => {
    expect(normaliseOrganisationName('The Harbrook Mercantile Bank plc')).toBe('harbrook mercantile bank');
  });

  it('drops apostrophes', () => {
    expect(normaliseOrganisationName("Brindlecross Magistrates' Court")).toBe('brindlecross magistrates court');
  });

  it('expands HMRC and DWP', () => {
    expect(normaliseOrganisationName('HMRC')).toBe(normaliseOrganisationName('HM Revenue & Customs'));
    expect(normaliseOrganisationName('DWP')).toBe(normaliseOrganisationName('Department for Work and Pensions'));
  });
});

describe('findOrganisations', () => {
  it('joins a name wrapped onto the next line', async () => {
    const names = findOrganisations(await samplePages('08_debt_collection_sold_on')).map((mention) => mention.name);
    expect(names).not.toContain('Card Services Ltd');
    expect(names).toContain('Corrivale Card Services Ltd');
  });

  it('skips addresses named like courts', async () => {
    const names = findOrganisations(await samplePages('07_default_notice_cca')).map((mention) => mention.name);
    expect(names).not.toContain('Beacon Court');
  });
});

describe('resolveParties', () => {
  it.each(sampleNames.filter((name) => sampleTruth(name).creditor !== null))('names the creditor of %s', async (name) => {
    const truth = sampleTruth(name).creditor!;
    const { creditor } = resolveParties(await samplePages(name));
    expect([truth.name, ...truth.aliases].map(normaliseOrganisationName)).toContain(normaliseOrganisationName(creditor ?? ''));
  });

  it('tells the debt buyer from the original creditor', async () => {
    const parties = resolveParties(await samplePages('08_debt_collection_sold_on'));
    expect(parties.creditor).toBe('Brackwater Portfolio Recoveries Ltd');
    expect(parties.originalCreditor).toBe('Corrivale Card Services Ltd');
    expect(parties.collectingAgent).toBeNull();
  });

  it('tells the creditor from its solicitors', async () => {
    const parties = resolveParties(await samplePages('13_letter_before_claim'));
    expect(parties.creditor).toBe('Orrin Vale Finance Ltd');
    expect(parties.collectingAgent).toBe('Askew Threlfall LLP');
    expect(parties.originalCreditor).toBeNull();
  });

  it('tells the council from its enforcement agents', async () => {
    const parties = resolveParties(await samplePages('14_enforcement_agent_notice'));
    expect(parties.creditor).toBe('Wexhollow City Council');
    expect(parties.collectingAgent).toBe('Blackthorn Rigg Enforcement Ltd');
  });

  it('drops a logo read by OCR before a name', () => {
    const text = 'Ja BLACKTHORN RIGG ENFORCEMENT LTD\n\nWexhollow City Council obtained a liability order against you. The Council has instructed us to recover the debt.';
    const parties = resolveParties([{ pageNumber: 1, text }]);
    expect(parties.collectingAgent).toBe('Blackthorn Rigg Enforcement Ltd');
  });

  it('names the sender as creditor when no one else is', async () => {
    const parties = resolveParties(await samplePages('12_overdraft_demand'));
    expect(parties.issuer).toBe('Harbrook Mercantile Bank plc');
    expect(parties.creditor).toBe('Harbrook Mercantile Bank plc');
    expect(parties.collectingAgent).toBeNull();
  });

  it('reads an agency acting for a debt buyer', () => {
    // Synthetic letter: every name and number is invented.
    const text = [
      '# Tollgate Collections Ltd',
      '',
      'Dear Mr Adeyemi,',
      '',
      'We are writing on behalf of our client, Lowmere Portfolio Ltd, who bought your account from Sandridge Bank plc on 1 June 2026.',
      '',
      'Tollgate Collections Ltd is authorised and regulated by the Financial Conduct Authority.',
    ].join('\n');
    const parties = resolveParties([{ pageNumber: 1, text }]);
    expect(parties.creditor).toBe('Lowmere Portfolio Ltd');
    expect(parties.originalCreditor).toBe('Sandridge Bank plc');
    expect(parties.collectingAgent).toBe('Tollgate Collections Ltd');
  });
});
