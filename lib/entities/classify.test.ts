import { describe, expect, it } from 'vitest';
import { sampleNames, samplePages, sampleTruth } from './__fixtures__/samples';
import { classifyDocument, priorityOf } from './classify';
import { documentText } from './text';

async function classify(name: string) {
  return classifyDocument(documentText(await samplePages(name)));
}

describe('classifyDocument', () => {
  it.each(sampleNames)('gives %s its document type', async (name) => {
    const classification = await classify(name);
    expect(classification.documentType).toBe(sampleTruth(name).docType);
  });

  it.each(sampleNames)('gives %s its priority', async (name) => {
    const classification = await classify(name);
    expect(classification.priority).toBe(sampleTruth(name).priority);
  });

  it('sees council tax behind an enforcement notice', async () => {
    const classification = await classify('14_enforcement_agent_notice');
    expect(classification.underlyingType).toBe('council_tax');
    expect(classification.priority).toBe(true);
  });

  it('sees consumer credit behind a letter before claim', async () => {
    const classification = await classify('13_letter_before_claim');
    expect(classification.underlyingType).toBe('consumer_credit_default');
    expect(classification.priority).toBe(false);
  });

  it('leaves a text with no signals as other', () => {
    const classification = classifyDocument('Thank you for visiting our garden open day.');
    expect(classification.documentType).toBe('other');
    expect(classification.priority).toBeNull();
  });

  it('reads letter-spaced titles', () => {
    const classification = classifyDocument('# D E F A U L T  N O T I C E\n\nServed on you.');
    expect(classification.documentType).toBe('consumer_credit_default');
  });
});

describe('priorityOf', () => {
  it('makes housing, fuel, fines and tax priority debts', () => {
    for (const type of ['council_tax', 'rent', 'mortgage', 'energy', 'water', 'magistrates_fine', 'tv_licence', 'hmrc_tax_credits', 'benefit_overpayment'] as const) {
      expect(priorityOf(type), type).toBe(true);
    }
  });

  it('makes consumer credit non-priority', () => {
    for (const type of ['consumer_credit_default', 'credit_card_statement', 'catalogue_bnpl', 'payday_loan', 'overdraft', 'telecoms'] as const) {
      expect(priorityOf(type), type).toBe(false);
    }
  });

  it('gives income documents no priority', () => {
    for (const type of ['payslip', 'universal_credit_statement', 'bank_statement'] as const) {
      expect(priorityOf(type), type).toBeNull();
    }
  });

  it('follows the debt an enforcement agent collects', () => {
    expect(priorityOf('enforcement_agent', 'council_tax')).toBe(true);
    expect(priorityOf('enforcement_agent', 'credit_card_statement')).toBe(false);
    expect(priorityOf('enforcement_agent', null)).toBeNull();
  });
});
