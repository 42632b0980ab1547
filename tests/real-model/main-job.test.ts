import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addClient } from '@/lib/clients';
import { listClientDebts } from '@/lib/db/queries/debts';
import { getDocumentById } from '@/lib/db/queries/documents';
import { uploadDocuments } from '@/lib/documents/manage';
import { samplePath } from '@/lib/documents/test-samples';
import { modelDebtSchema } from '@/lib/entities/schema';
import { checkHealth } from '@/lib/health';
import { letterSections, streamLetter, type LetterEvent } from '@/lib/letters/letter';
import type { AnswerEvent } from '@/lib/rag/answer';
import { askScope } from '@/lib/rag/ask';
import type { Services } from '@/lib/services';
import { createTestServices } from '../helpers/app-services';
import { serviceUrl } from '../helpers/services';
import { realModelEnv, requireTestModels, testModels } from './test-models';

/** Time for one test of model output: each is a few model requests on one CPU thread, slower on a busy machine. */
const MODEL_TEST_TIMEOUT_MS = 180_000;

// The main job on a machine with no Ollama: the text and embed roles fall back to llama.cpp on the
// cached GGUF models. A 270M base model's answers are not the product's quality, so these tests
// check that real output flows through every step and stays valid, and print what the model did.

const chroma = serviceUrl('Chroma');
const documents = ['synthetic/01_council_tax_reminder.pdf', 'synthetic/05_energy_arrears.pdf', 'synthetic/08_debt_collection_sold_on.pdf'];

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe.skipIf(testModels.reason ?? chroma.reason)('main job on llama.cpp with no Ollama', () => {
  let services: Services;
  let clientId: string;
  let documentIds: string[];

  beforeAll(async () => {
    requireTestModels();
    services = await createTestServices(realModelEnv);
    clientId = (await addClient(services, { name: 'Real Model Client' })).id;
    const files = documents.map((relative) => new File([fs.readFileSync(samplePath(relative))], path.basename(relative)));
    const started = Date.now();
    const upload = await uploadDocuments(services, { clientId }, files);
    documentIds = upload.documents.map((document) => document.id);
    await services.queue.idle();
    console.info(`real model: ${documents.length} documents processed in ${Date.now() - started} ms`);
  }, 600_000);
  afterAll(async () => {
    await services?.close();
  });

  test('health names llama.cpp as the fallback', async () => {
    const health = await checkHealth(services);
    const byRole = Object.fromEntries(health.models.map((role) => [role.role, role]));
    expect(health.status).toBe('degraded');
    expect(byRole.text.provider).toBe('llamacpp');
    expect(byRole.text.fallbackReason).toMatch(/unreachable/);
    expect(byRole.embed.provider).toBe('llamacpp');
  });

  test('extraction returns schema-valid debts', async () => {
    for (const documentId of documentIds) {
      const document = await getDocumentById(services.db, { id: documentId });
      expect(document?.status).toBe('ready');
    }
    const debts = await listClientDebts(services.db, { clientId });
    expect(debts.length).toBeGreaterThan(0);
    for (const debt of debts) {
      const shape = modelDebtSchema.pick({ amount: true, creditor: true, accountReference: true }).safeParse({ amount: debt.amount, creditor: debt.creditor, accountReference: debt.accountReference });
      expect(shape.success, JSON.stringify(shape.error?.issues)).toBe(true);
    }
    const fromModel = debts.filter((debt) => debt.source === 'model').length;
    console.info(`real model extraction: ${debts.length} debts, ${fromModel} accepted from the model, ${debts.length - fromModel} from the rules fallback`);
  });

  test('documents are indexed by the llama.cpp embedder', async () => {
    expect(await services.vectors.count({ scope: 'client', clientId })).toBeGreaterThan(0);
  });

  test('an answer streams with its sources', async () => {
    const started = Date.now();
    const events = await collect(askScope(services, { scope: 'client', clientId }, 'How much council tax is overdue?'));
    const sources = events.find((event): event is Extract<AnswerEvent, { type: 'sources' }> => event.type === 'sources');
    const deltas = events.filter((event) => event.type === 'delta');
    const done = events.find((event): event is Extract<AnswerEvent, { type: 'done' }> => event.type === 'done');

    expect(sources?.methods).toContain('vector');
    expect(sources?.sources[0]?.documentId).toBe(documentIds[0]);
    expect(deltas.length).toBeGreaterThan(1);
    expect(done).toBeDefined();
    console.info(`real model answer: ${deltas.length} pieces in ${Date.now() - started} ms, cited passages ${JSON.stringify(done?.cited)}`);
  }, MODEL_TEST_TIMEOUT_MS);

  test('a letter streams and is checked', async () => {
    const started = Date.now();
    const notes = 'Client owes Stavewick Borough Council £276.30 council tax. We will ask for a payment plan of £20 a month. Client should send us the next bill.';
    const events = await collect(streamLetter({ clientName: 'Ms Real Model', notes, textModel: services.models.text }));
    const deltas = events.filter((event) => event.type === 'delta');
    const check = events.find((event): event is Extract<LetterEvent, { type: 'check' }> => event.type === 'check');

    const letter = events.find((event): event is Extract<LetterEvent, { type: 'done' }> => event.type === 'done')?.letter ?? '';
    const headings = letterSections.map((section) => letter.indexOf(`\n${section}\n`));

    expect(deltas.length).toBeGreaterThan(1);
    expect(check).toBeDefined();
    expect(headings.every((position) => position >= 0)).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    console.info(`real model letter: ${deltas.length} pieces in ${Date.now() - started} ms, empty parts ${JSON.stringify(check?.missingSections)}`);
    console.info(`real model letter, first 600 characters:\n${letter.slice(0, 600)}`);
  }, MODEL_TEST_TIMEOUT_MS);
});
