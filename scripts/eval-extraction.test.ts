import { beforeAll, describe, expect, it } from 'vitest';
import { shutdownOcr } from '@/lib/documents/ocr';
import { extractWithRules } from '@/lib/entities/rules';
import type { ExtractedDebt, ExtractionResult } from '@/lib/entities/types';
import { defaultSamplesDir, groundTruthSchema, loadSamples, scoreExtraction, type Evaluation, type FieldScore } from './eval-extraction';

type Floors = Record<string, { precision: number; recall: number }>;

/** Checks each field's precision and recall against its floor, and that every expected document was read. */
function describeFloors(title: string, evaluate: () => Promise<Evaluation>, floors: Floors, expected: { documents: number; including: string }) {
  describe(title, () => {
    let evaluation: Evaluation;

    beforeAll(async () => {
      evaluation = await evaluate();
    }, 180_000);

    it.each(Object.entries(floors))('keep %s recall', (field, floor) => {
      expect(score(evaluation, field).recall).toBeGreaterThanOrEqual(floor.recall);
    });

    it.each(Object.entries(floors))('keep %s precision', (field, floor) => {
      expect(score(evaluation, field).precision).toBeGreaterThanOrEqual(floor.precision);
    });

    it('cover every document', () => {
      expect(evaluation.documents).toHaveLength(expected.documents);
      expect(evaluation.documents.map((document) => document.name)).toContain(expected.including);
    });
  });
}

/** Scores the rules on the shared samples: their text PDFs, or with `copy` their scanned copies. */
async function evaluateRules(copy?: string): Promise<Evaluation> {
  const samples = await loadSamples(defaultSamplesDir, undefined, copy);
  return scoreExtraction(samples.map((sample) => ({ name: sample.name, truth: sample.truth, result: extractWithRules(sample.pages) })));
}

/**
 * Precision and recall of the rules alone, measured on 2026-12-05 with
 * `npx tsx scripts/eval-extraction.ts` over the 18 shared synthetic documents (15 debts).
 * Raise them when the rules improve; a drop below them is a regression.
 */
const FLOORS: Floors = {
  creditor: { precision: 1, recall: 1 },
  amount: { precision: 1, recall: 1 },
  'account reference': { precision: 1, recall: 1 },
  'document type': { precision: 1, recall: 1 },
  priority: { precision: 1, recall: 1 },
  'original creditor': { precision: 1, recall: 1 },
  'collecting agent': { precision: 1, recall: 1 },
  'as-of date': { precision: 1, recall: 1 },
  'deadline dates': { precision: 1, recall: 1 },
};

describeFloors('rules on the shared samples', () => evaluateRules(), FLOORS, { documents: 18, including: '14_enforcement_agent_notice' });

/**
 * The same for the scanned copies, read by Tesseract, measured on 2026-12-05 over the 8 letters that
 * have one (5 debts). OCR garbles a date beside one balance, which costs that as-of date.
 */
const SCAN_FLOORS: Floors = {
  creditor: { precision: 1, recall: 1 },
  amount: { precision: 1, recall: 1 },
  'account reference': { precision: 1, recall: 1 },
  'document type': { precision: 1, recall: 1 },
  priority: { precision: 1, recall: 1 },
  'original creditor': { precision: 1, recall: 1 },
  'collecting agent': { precision: 1, recall: 1 },
  'as-of date': { precision: 0.8, recall: 0.8 },
  'deadline dates': { precision: 1, recall: 1 },
};

describeFloors('rules on the scanned copies', () => evaluateRules('scan').finally(shutdownOcr), SCAN_FLOORS, { documents: 8, including: '14_enforcement_agent_notice.scan.pdf' });

describe('scoreExtraction', () => {
  const truth = groundTruthSchema.parse({
    file: 'letter.pdf',
    docType: 'consumer_credit_default',
    priority: false,
    creditor: { name: 'Corrivale Card Services Ltd', aliases: ['Corrivale'] },
    originalCreditor: null,
    collectingAgent: null,
    debts: [{ amount: 3655.19, accountRef: '6120 4418 7305', asOfDate: '2026-05-20', otherRefs: [{ ref: 'CC-77' }] }],
    deadlines: [{ date: '2026-06-10' }],
  });
  const debt: ExtractedDebt = {
    creditor: 'CORRIVALE CARD SERVICES LIMITED',
    originalCreditor: null,
    collectingAgent: null,
    amount: '3655.19',
    accountReference: '612044187305',
    documentType: 'consumer_credit_default',
    priority: false,
    asOfDate: '2026-05-20',
    deadlines: [{ date: '2026-06-10', what: 'Pay the arrears' }],
    description: null,
    pageNumber: 1,
    originalAccountReference: null,
    courtClaimNumber: null,
    otherReferences: [],
  };
  const result = (debts: ExtractedDebt[], documentType: ExtractionResult['documentType'] = 'consumer_credit_default'): ExtractionResult => ({
    documentType,
    priority: false,
    debts,
    facts: [],
    source: 'rules',
    warnings: [],
  });
  const scoreOf = (debts: ExtractedDebt[], field: string, documentType?: ExtractionResult['documentType']) =>
    score(scoreExtraction([{ name: 'letter', truth, result: result(debts, documentType) }]), field);

  it('accepts a name in another case and legal form', () => {
    expect(scoreOf([debt], 'creditor').truePositives).toBe(1);
  });

  it('accepts an alias', () => {
    expect(scoreOf([{ ...debt, creditor: 'Corrivale' }], 'creditor').truePositives).toBe(1);
  });

  it('ignores spaces in references', () => {
    expect(scoreOf([debt], 'account reference').truePositives).toBe(1);
  });

  it('accepts other references', () => {
    expect(scoreOf([{ ...debt, accountReference: 'cc-77' }], 'account reference').truePositives).toBe(1);
  });

  it('counts a penny out as wrong', () => {
    const amount = scoreOf([{ ...debt, amount: '3655.18' }], 'amount');
    expect(amount.truePositives).toBe(0);
    expect(amount.recall).toBe(0);
  });

  it('counts an extra debt against precision', () => {
    const amount = scoreOf([debt, { ...debt, amount: '347.55' }], 'amount');
    expect(amount.precision).toBe(0.5);
    expect(amount.recall).toBe(1);
  });

  it('counts other as no document type', () => {
    const documentType = scoreOf([], 'document type', 'other');
    expect(documentType.predicted).toBe(0);
    expect(documentType.recall).toBe(0);
  });

  it('counts a missed debt against recall', () => {
    const creditor = scoreOf([], 'creditor');
    expect(creditor.expected).toBe(1);
    expect(creditor.recall).toBe(0);
  });

  it('scores deadline dates', () => {
    expect(scoreOf([debt], 'deadline dates').recall).toBe(1);
  });
});

function score(evaluation: Evaluation, field: string): FieldScore {
  const found = evaluation.fields.find((candidate) => candidate.field === field);
  if (!found) throw new Error(`No score for the field "${field}".`);
  return found;
}
