/**
 * Measures debt extraction against the synthetic ground truth: for each ground-truth JSON, reads its
 * text PDF, runs the rules (and with --model the text model), matches the debts found to the debts
 * expected, and prints precision and recall per field.
 *
 *   npx tsx scripts/eval-extraction.ts [--json] [--verbose] [--samples DIR] [--copy NAME] [--model] [--provider NAME]
 *
 * --samples sets the folder of ground-truth JSON and PDFs (default: the shared synthetic set).
 * --copy scan|photo1|photo2 scores the scanned or photographed copy of each letter instead, read by
 * Tesseract as the pipeline reads it when no vision model is reachable; letters without that copy are left out.
 * --model also runs the configured text model: TEXT_PROVIDER with its settings, including the
 * llama.cpp fallback when Ollama is unreachable. --provider ollama|openai|llamacpp overrides TEXT_PROVIDER.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { getConfig, parseConfig } from '../lib/config';
import { convertDocument } from '../lib/documents/convert';
import { pageTextToMarkdown } from '../lib/documents/markdown';
import { shutdownOcr } from '../lib/documents/ocr';
import { PdfDocument } from '../lib/documents/pdf';
import { penceOf } from '../lib/entities/amounts';
import { normaliseOrganisationName } from '../lib/entities/creditors';
import { extractEntities } from '../lib/entities/extract';
import { extractWithRules } from '../lib/entities/rules';
import type { ExtractedDebt, ExtractionResult, PageText } from '../lib/entities/types';
import { ModelProviders } from '../lib/llm/models';

/** The shared synthetic samples beside the repository; SAMPLES_DIR moves the whole samples folder. */
export const defaultSamplesDir = path.join(process.env.SAMPLES_DIR ?? path.resolve(import.meta.dirname, '../../shared/samples'), 'synthetic');

const party = z.object({ name: z.string(), aliases: z.array(z.string()).default([]) }).nullable().default(null);
const truthDebtSchema = z.object({
  amount: z.number(),
  accountRef: z.string().nullable().default(null),
  asOfDate: z.string().nullable().default(null),
  otherRefs: z.array(z.object({ ref: z.string() })).default([]),
});
const truthRecordSchema = z.object({
  docType: z.string(),
  priority: z.boolean().nullable(),
  creditor: party,
  originalCreditor: party,
  collectingAgent: party,
  debts: z.array(truthDebtSchema).default([]),
  deadlines: z.array(z.object({ date: z.string() })).default([]),
});
/** The ground-truth fields the evaluation reads; a two-letter PDF has one record per letter in `subDocuments`. */
export const groundTruthSchema = truthRecordSchema.extend({
  file: z.string(),
  subDocuments: z.array(truthRecordSchema).optional(),
});

export type GroundTruth = z.infer<typeof groundTruthSchema>;
type TruthRecord = z.infer<typeof truthRecordSchema>;
type TruthDebt = z.infer<typeof truthDebtSchema> & { record: TruthRecord };

export type EvaluationCase = { name: string; truth: GroundTruth; result: ExtractionResult };
export type FieldScore = { field: string; truePositives: number; predicted: number; expected: number; precision: number; recall: number };
export type Evaluation = { fields: FieldScore[]; documents: { name: string; misses: string[] }[] };

/** The fields scored, in the order printed. */
export const scoredFields = ['creditor', 'amount', 'account reference', 'document type', 'priority', 'original creditor', 'collecting agent', 'as-of date', 'deadline dates'] as const;
type ScoredField = (typeof scoredFields)[number];

/** Reads a text PDF's pages as markdown, as the document pipeline does for pages with a text layer. */
export async function readPdfPages(bytes: Uint8Array, timeoutMs = 60_000): Promise<PageText[]> {
  const pdf = await PdfDocument.open(bytes, { timeoutMs });
  try {
    const pages: PageText[] = [];
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      pages.push({ pageNumber, text: pageTextToMarkdown(await pdf.readText(pageNumber)) });
    }
    return pages;
  } finally {
    await pdf.close();
  }
}

/** Reads a scanned or photographed copy with Tesseract, as the pipeline does when no vision model is reachable. */
async function readCopyPages(bytes: Uint8Array, timeoutMs = 60_000): Promise<PageText[]> {
  const result = await convertDocument(bytes, { vision: null, limits: { maxPages: 50, maxImageMegapixels: 60, pageTimeoutMs: timeoutMs } });
  return result.pages.map((page) => ({ pageNumber: page.pageNumber, text: page.markdown }));
}

/** Finds the file of a letter's copy: `05_energy_arrears.pdf` with copy `photo1` is `05_energy_arrears.photo1.jpg`, when it exists. */
function copyFile(files: string[], textPdf: string, copy: string): string | undefined {
  const stem = textPdf.replace(/\.pdf$/i, '');
  return files.find((file) => file.startsWith(`${stem}.${copy}.`));
}

/**
 * Reads every ground-truth JSON in a folder with the pages of the file it describes: the text PDF,
 * or with `copy` its scanned or photographed copy (letters without one are left out).
 */
export async function loadSamples(samplesDir: string, timeoutMs?: number, copy?: string): Promise<{ name: string; truth: GroundTruth; pages: PageText[] }[]> {
  const files = (await readdir(samplesDir)).sort();
  const samples = [];
  for (const name of files.filter((file) => file.endsWith('.json'))) {
    const parsed = groundTruthSchema.safeParse(JSON.parse(await readFile(path.join(samplesDir, name), 'utf8')));
    if (!parsed.success) continue;
    const file = copy ? copyFile(files, parsed.data.file, copy) : parsed.data.file;
    if (!file) continue;
    const bytes = new Uint8Array(await readFile(path.join(samplesDir, file)));
    const pages = copy ? await readCopyPages(bytes, timeoutMs) : await readPdfPages(bytes, timeoutMs);
    samples.push({ name: copy ? file : name.replace(/\.json$/, ''), truth: parsed.data, pages });
  }
  return samples;
}

/**
 * Scores extraction results against ground truth. Found debts are matched to expected debts by
 * amount, then by reference, then in order. Each debt scores its creditor (name or alias,
 * normalised), amount (to the penny), account reference (ignoring spaces and case, and accepting
 * other references), original creditor, collecting agent and as-of date. Each letter scores its
 * document type, where 'other' counts as no answer, its priority, where null counts as no answer
 * and income documents expect none, and its deadline dates.
 */
export function scoreExtraction(cases: EvaluationCase[]): Evaluation {
  const tally = new Map<ScoredField, { truePositives: number; predicted: number; expected: number }>(scoredFields.map((field) => [field, { truePositives: 0, predicted: 0, expected: 0 }]));
  const count = (field: ScoredField, predicted: boolean, expected: boolean, correct: boolean) => {
    const entry = tally.get(field)!;
    if (predicted) entry.predicted++;
    if (expected) entry.expected++;
    if (predicted && expected && correct) entry.truePositives++;
  };
  const documents: Evaluation['documents'] = [];

  for (const { name, truth, result } of cases) {
    const misses: string[] = [];
    const records = truth.subDocuments?.length ? truth.subDocuments : [truth];
    const expected: TruthDebt[] = records.flatMap((record) => record.debts.map((debt) => ({ ...debt, record })));
    const pairs = matchDebts(expected, result.debts);

    for (const found of result.debts.filter((debt) => !pairs.some((pair) => pair.found === debt))) {
      misses.push(`unexpected debt of ${found.amount ?? 'no amount'}`);
      count('amount', found.amount !== null, false, false);
      count('creditor', found.creditor !== null, false, false);
      count('account reference', found.accountReference !== null, false, false);
      count('original creditor', found.originalCreditor !== null, false, false);
      count('collecting agent', found.collectingAgent !== null, false, false);
      count('as-of date', found.asOfDate !== null, false, false);
    }

    for (const { truth: debt, found } of pairs) {
      if (!found) {
        misses.push(`missed debt of ${debt.amount.toFixed(2)}`);
        count('amount', false, true, false);
        count('creditor', false, debt.record.creditor !== null, false);
        count('account reference', false, debt.accountRef !== null, false);
        count('original creditor', false, debt.record.originalCreditor !== null, false);
        count('collecting agent', false, debt.record.collectingAgent !== null, false);
        count('as-of date', false, debt.asOfDate !== null, false);
        continue;
      }
      const checks: [ScoredField, string | null, boolean, boolean][] = [
        ['amount', found.amount, true, found.amount !== null && penceOf(found.amount) === Math.round(debt.amount * 100)],
        ['creditor', found.creditor, debt.record.creditor !== null, sameParty(found.creditor, debt.record.creditor)],
        ['account reference', found.accountReference, debt.accountRef !== null, sameReference(found.accountReference, debt)],
        ['original creditor', found.originalCreditor, debt.record.originalCreditor !== null, sameParty(found.originalCreditor, debt.record.originalCreditor)],
        ['collecting agent', found.collectingAgent, debt.record.collectingAgent !== null, sameParty(found.collectingAgent, debt.record.collectingAgent)],
        ['as-of date', found.asOfDate, debt.asOfDate !== null, found.asOfDate === debt.asOfDate],
      ];
      for (const [field, value, isExpected, correct] of checks) {
        count(field, value !== null, isExpected, correct);
        if ((value !== null || isExpected) && !correct) misses.push(`${field}: expected ${expectedText(field, debt) ?? 'none'}, found ${value ?? 'none'}`);
      }
    }

    for (const record of records) {
      const found = pairs.find((pair) => pair.truth.record === record && pair.found)?.found;
      const documentType = found?.documentType ?? result.documentType;
      const priority = found ? found.priority : result.priority;
      count('document type', documentType !== 'other', true, documentType === record.docType);
      count('priority', priority !== null, record.priority !== null, priority === record.priority);
      if (documentType !== record.docType) misses.push(`document type: expected ${record.docType}, found ${documentType}`);
      if (priority !== record.priority) misses.push(`priority: expected ${record.priority}, found ${priority}`);

      const foundDates = new Set(pairs.filter((pair) => pair.truth.record === record && pair.found).flatMap((pair) => pair.found!.deadlines.map((deadline) => deadline.date)));
      const expectedDates = new Set(record.deadlines.map((deadline) => deadline.date));
      for (const date of new Set([...foundDates, ...expectedDates])) count('deadline dates', foundDates.has(date), expectedDates.has(date), true);
      const missing = [...expectedDates].filter((date) => !foundDates.has(date));
      const extra = [...foundDates].filter((date) => !expectedDates.has(date));
      if (missing.length > 0) misses.push(`deadline dates missed: ${missing.join(', ')}`);
      if (extra.length > 0) misses.push(`deadline dates not expected: ${extra.join(', ')}`);
    }
    documents.push({ name, misses });
  }

  const fields = scoredFields.map((field) => {
    const { truePositives, predicted, expected } = tally.get(field)!;
    return { field, truePositives, predicted, expected, precision: predicted ? truePositives / predicted : Number.NaN, recall: expected ? truePositives / expected : Number.NaN };
  });
  return { fields, documents };
}

/** Pairs each expected debt with a found one: equal amounts first, then equal references, then in order. */
function matchDebts(expected: TruthDebt[], found: ExtractedDebt[]): { truth: TruthDebt; found: ExtractedDebt | null }[] {
  const unused = new Set(found);
  const take = (predicate: (debt: ExtractedDebt) => boolean) => {
    const debt = [...unused].find(predicate);
    if (debt) unused.delete(debt);
    return debt;
  };
  const pairs = expected.map((truth) => ({ truth, found: take((debt) => debt.amount !== null && penceOf(debt.amount) === Math.round(truth.amount * 100)) ?? null }));
  for (const pair of pairs.filter((candidate) => !candidate.found)) pair.found = take((debt) => sameReference(debt.accountReference, pair.truth)) ?? null;
  for (const pair of pairs.filter((candidate) => !candidate.found)) pair.found = take(() => true) ?? null;
  return pairs;
}

function sameParty(found: string | null, expected: { name: string; aliases: string[] } | null): boolean {
  if (found === null || expected === null) return found === expected;
  return [expected.name, ...expected.aliases].some((name) => normaliseOrganisationName(name) === normaliseOrganisationName(found));
}

function sameReference(found: string | null, expected: TruthDebt): boolean {
  if (found === null) return expected.accountRef === null;
  const squash = (text: string) => text.replace(/\s+/g, '').toLowerCase();
  return [expected.accountRef, ...expected.otherRefs.map((other) => other.ref)].some((ref) => ref !== null && squash(ref) === squash(found));
}

function expectedText(field: ScoredField, debt: TruthDebt): string | null {
  switch (field) {
    case 'amount':
      return debt.amount.toFixed(2);
    case 'creditor':
      return debt.record.creditor?.name ?? null;
    case 'account reference':
      return debt.accountRef;
    case 'original creditor':
      return debt.record.originalCreditor?.name ?? null;
    case 'collecting agent':
      return debt.record.collectingAgent?.name ?? null;
    case 'as-of date':
      return debt.asOfDate;
    default:
      return null;
  }
}

/** Formats the scores as a plain-text table. */
export function formatTable(title: string, fields: FieldScore[]): string {
  const figure = (value: number) => (Number.isNaN(value) ? '  -  ' : value.toFixed(3));
  const rows = fields.map((field) => `${field.field.padEnd(18)} ${figure(field.precision).padStart(9)} ${figure(field.recall).padStart(7)}   ${field.truePositives}/${field.predicted}/${field.expected}`);
  return [title, `${'field'.padEnd(18)} precision  recall   correct/found/expected`, ...rows].join('\n');
}

function describeChoice(config: ReturnType<typeof getConfig>, choice: Awaited<ReturnType<ModelProviders['choose']>>): string {
  if (choice.provider === 'llamacpp') return `llama.cpp, ${path.basename(choice.file)}${choice.fallback ? ', standing in for Ollama' : ''}`;
  if (choice.provider === 'openai') return `${config.OPENAI_MODEL} at ${config.OPENAI_BASE_URL}`;
  return `${config.OLLAMA_TEXT_MODEL} at ${config.OLLAMA_TEXT_URL}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      model: { type: 'boolean', default: false },
      provider: { type: 'string' },
      samples: { type: 'string', default: defaultSamplesDir },
      copy: { type: 'string' },
    },
  });
  const config = values.provider ? parseConfig({ ...process.env, TEXT_PROVIDER: values.provider }) : getConfig();
  const samples = await loadSamples(path.resolve(values.samples), config.PDF_PAGE_TIMEOUT_MS, values.copy).finally(shutdownOcr);
  if (samples.length === 0) {
    const missing = values.copy ? `a ${values.copy} copy` : 'a readable PDF';
    throw new Error(`No ground-truth JSON with ${missing} in ${values.samples}. Pass the folder of the synthetic samples with --samples DIR, and --copy scan, photo1 or photo2 for copies.`);
  }

  const runs: { title: string; cases: EvaluationCase[] }[] = [{ title: 'rules', cases: samples.map((sample) => ({ name: sample.name, truth: sample.truth, result: extractWithRules(sample.pages) })) }];
  if (values.model || values.provider) {
    const models = new ModelProviders(config);
    const choice = await models.choose('text');
    const cases: EvaluationCase[] = [];
    for (const sample of samples) cases.push({ name: sample.name, truth: sample.truth, result: await extractEntities(sample.pages, { textModel: models.text }) });
    await models.close();
    runs.push({ title: `model (${describeChoice(config, choice)})`, cases });
  }

  const evaluations = runs.map((run) => ({ title: run.title, ...scoreExtraction(run.cases), sources: run.cases.map((item) => ({ name: item.name, source: item.result.source, warnings: item.result.warnings })) }));
  if (values.json) {
    console.log(JSON.stringify({ documents: samples.length, evaluations }, null, 2));
    return;
  }
  for (const evaluation of evaluations) {
    console.log(formatTable(`${evaluation.title}: ${samples.length} documents`, evaluation.fields));
    if (values.verbose) {
      for (const document of evaluation.documents) console.log(`  ${document.name}: ${document.misses.length === 0 ? 'all correct' : document.misses.join('; ')}`);
    }
    console.log();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
