import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { addClient, eraseClient } from '@/lib/clients';
import { listChunksForTest } from './helpers/records';
import { listClientDebts } from '@/lib/db/queries/debts';
import { listResolvedDebts, listMergeProposals } from '@/lib/db/queries/resolved-debts';
import { listDebtViews } from '@/lib/entities/debt-views';
import { nodeIds } from '@/lib/graph/build';
import { checkHealth } from '@/lib/health';
import { getDocumentById, listPages } from '@/lib/db/queries/documents';
import { deleteDocument, uploadDocuments } from '@/lib/documents/manage';
import { askScope } from '@/lib/rag/ask';
import { parseConfig } from '@/lib/config';
import { rememberEmbedder } from '@/lib/llm/last-embedder';
import { ModelProviders } from '@/lib/llm/models';
import { embedPendingChunks } from '@/lib/rag/backfill';
import { retrievePassages } from '@/lib/rag/retrieve';
import type { AnswerEvent } from '@/lib/rag/answer';
import type { Services } from '@/lib/services';
import { createTestServices } from './helpers/app-services';
import { startFakeModelServers, type FakeModelServers } from './helpers/fake-models';
import { samplePath } from '@/lib/documents/test-samples';
import { neo4jSettings, serviceUrl } from './helpers/services';

const chroma = serviceUrl('Chroma');
const neo4j = neo4jSettings();

function sampleFile(relative: string): File {
  const bytes = fs.readFileSync(samplePath(relative));
  return new File([bytes], path.basename(relative));
}

async function collect<T>(events: AsyncGenerator<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe.skipIf(chroma.reason)('document pipeline with fake model servers', () => {
  let models: FakeModelServers;
  let services: Services;

  beforeAll(async () => {
    models = await startFakeModelServers();
    services = await createTestServices(models.env);
  });
  afterAll(async () => {
    await services?.close();
    await models?.close();
  });
  beforeEach(() => {
    models.text.reset();
    models.vision.reset();
  });

  test('text PDF and scan become markdown, debts and graph', async () => {
    const client = await addClient(services, { name: 'Pipeline Client A' });
    const upload = await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/01_council_tax_reminder.pdf'), sampleFile('synthetic/08_debt_collection_sold_on.scan.pdf')]);
    expect(upload.rejected).toEqual([]);
    await services.queue.idle();

    const [textPdf, scan] = upload.documents;
    expect((await getDocumentById(services.db, { id: textPdf.id }))?.status).toBe('ready');
    expect((await getDocumentById(services.db, { id: scan.id }))?.status).toBe('ready');

    const textPages = await listPages(services.db, { documentId: textPdf.id });
    expect(textPages.map((page) => page.method)).toEqual(['text-layer']);
    expect(textPages[0].markdown).toContain('£276.30');
    const scanPages = await listPages(services.db, { documentId: scan.id });
    expect(scanPages.map((page) => page.method)).toEqual(['vision']);
    expect(scanPages[0].markdown).toContain('NOTICE OF ASSIGNMENT');

    const debts = await listClientDebts(services.db, { clientId: client.id });
    const byCreditor = Object.fromEntries(debts.map((debt) => [debt.creditor, debt]));
    expect(byCreditor['Stavewick Borough Council']?.amount).toBe('276.30');
    expect(byCreditor['Stavewick Borough Council']?.priority).toBe(true);
    expect(byCreditor['Brackwater Portfolio Recoveries Ltd']?.amount).toBe('3702.56');
    expect(byCreditor['Brackwater Portfolio Recoveries Ltd']?.originalCreditor).toBe('Corrivale Card Services Ltd');
    expect(debts.every((debt) => debt.source === 'model')).toBe(true);

    const graph = await services.graph.getGraph({ clientId: client.id, limit: 100 });
    const labels = graph.nodes.map((node) => node.label);
    expect(labels).toContain('Stavewick Borough Council');
    expect(labels).toContain('Brackwater Portfolio Recoveries Ltd');
    expect(labels).toContain('£3,702.56');
  });

  test('a letter to someone else is flagged', async () => {
    const client = await addClient(services, { name: 'Corinne Ashdale' });
    const upload = await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/01_council_tax_reminder.pdf'), sampleFile('synthetic/20_mobile_phone_arrears.pdf')]);
    await services.queue.idle();

    const [own, other] = await Promise.all(upload.documents.map((document) => getDocumentById(services.db, { id: document.id })));
    expect(own?.warnings.join(' ')).not.toMatch(/addressed to/);
    expect(other?.warnings).toContain('This document is addressed to Mr T Quennell, not to Corinne Ashdale. Check that it belongs to this client; if it does not, delete it here and upload it to the right client.');

    const { debts, totals } = await listDebtViews(services.db, { clientId: client.id });
    expect(debts.find((debt) => debt.amount === '147.96')?.addressedTo).toBe('Mr T Quennell');
    expect(debts.find((debt) => debt.amount === '276.30')?.addressedTo).toBeNull();
    expect(totals.elsewhere).toEqual({ amount: '147.96', count: 1 });
  });

  test('a debt links to the clearest copy of its letter', async () => {
    const client = await addClient(services, { name: 'Corinne Ashdale' });
    models.text.setBehaviour({ mode: 'fail' });
    models.vision.setBehaviour({ mode: 'fail' });
    const [pdf] = (await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/01_council_tax_reminder.pdf')])).documents;
    await services.queue.idle();
    await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/01_council_tax_reminder.photo1.jpg')]);
    await services.queue.idle();

    const { debts } = await listDebtViews(services.db, { clientId: client.id });
    expect(debts).toHaveLength(1);
    expect(debts[0].mentions).toHaveLength(2);
    expect(debts[0].documentId).toBe(pdf.id);
  });

  test('page images go only to the vision server', async () => {
    const client = await addClient(services, { name: 'Pipeline Client B' });
    await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/08_debt_collection_sold_on.scan.pdf')]);
    await services.queue.idle();

    const visionImages = models.vision.requests().filter((request) => request.imageCount > 0);
    expect(visionImages.length).toBeGreaterThan(0);
    expect(models.text.requests().every((request) => request.imageCount === 0)).toBe(true);
    const embeds = models.vision.requests().filter((request) => request.path === '/api/embed');
    expect(embeds.every((request) => request.embedPrefixes?.every((prefix) => prefix === 'search_document: '))).toBe(true);
  });

  test('answer cites the right document', async () => {
    const client = await addClient(services, { name: 'Pipeline Client C' });
    const upload = await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/01_council_tax_reminder.pdf'), sampleFile('synthetic/08_debt_collection_sold_on.pdf')]);
    await services.queue.idle();

    const events = await collect(askScope(services, { scope: 'client', clientId: client.id }, 'How much council tax is overdue?'));
    const sources = events.find((event): event is Extract<AnswerEvent, { type: 'sources' }> => event.type === 'sources')!;
    const done = events.find((event): event is Extract<AnswerEvent, { type: 'done' }> => event.type === 'done')!;
    const answer = events.filter((event) => event.type === 'delta').map((event) => (event as { text: string }).text).join('');

    expect(answer).toContain('£276.30');
    expect(done.cited).toContain(1);
    expect(sources.sources[0].documentId).toBe(upload.documents[0].id);
    expect(sources.sources[0].pageNumber).toBe(1);
    expect(sources.methods).toEqual(['vector', 'full-text']);
    const query = models.vision.requests().filter((request) => request.path === '/api/embed').at(-1);
    expect(query?.embedPrefixes).toEqual(['search_query: ']);
  });

  test('an answer that repeats its instructions is flagged', async () => {
    const client = await addClient(services, { name: 'Pipeline Client Echo' });
    await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/01_council_tax_reminder.pdf')]);
    await services.queue.idle();

    const events = await collect(askScope(services, { scope: 'client', clientId: client.id }, 'Echo check: how much council tax is overdue?'));
    const warnings = events.filter((event) => event.type === 'warning').map((event) => (event as { message: string }).message);
    expect(warnings.join(' ')).toMatch(/repeats the instructions given to the model/);
  });

  test('answers never use another client', async () => {
    const mine = await addClient(services, { name: 'Pipeline Client D' });
    const theirs = await addClient(services, { name: 'Pipeline Client E' });
    await uploadDocuments(services, { clientId: theirs.id }, [sampleFile('synthetic/01_council_tax_reminder.pdf')]);
    await uploadDocuments(services, { clientId: mine.id }, [sampleFile('synthetic/12_overdraft_demand.pdf')]);
    await services.queue.idle();

    const events = await collect(askScope(services, { scope: 'client', clientId: mine.id }, 'How much council tax is overdue?'));
    const sources = events.find((event): event is Extract<AnswerEvent, { type: 'sources' }> => event.type === 'sources')!;
    const ownDocuments = new Set((await services.db.query.documents.findMany({ where: (table, { eq }) => eq(table.clientId, mine.id) })).map((document) => document.id));
    expect(sources.sources.every((source) => ownDocuments.has(source.documentId))).toBe(true);
    expect(JSON.stringify(events)).not.toContain('40118823');
  });

  test('model servers down: OCR, rules and keywords', async () => {
    const client = await addClient(services, { name: 'Pipeline Client F' });
    models.text.setBehaviour({ mode: 'fail' });
    models.vision.setBehaviour({ mode: 'fail' });
    const upload = await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/01_council_tax_reminder.scan.pdf')]);
    await services.queue.idle();

    const document = await getDocumentById(services.db, { id: upload.documents[0].id });
    expect(document?.status).toBe('ready');
    expect(document?.warnings.join(' ')).toMatch(/keyword/i);
    const pages = await listPages(services.db, { documentId: upload.documents[0].id });
    expect(pages[0].method).toBe('ocr');
    expect(pages[0].markdown).toContain('40118823');

    const debts = await listClientDebts(services.db, { clientId: client.id });
    expect(debts[0]?.source).toBe('rules');
    expect(debts[0]?.amount).toBe('276.30');

    const events = await collect(askScope(services, { scope: 'client', clientId: client.id }, 'How much council tax is overdue?'));
    expect(events.some((event) => event.type === 'fallback')).toBe(true);
    const sources = events.find((event): event is Extract<AnswerEvent, { type: 'sources' }> => event.type === 'sources')!;
    expect(sources.methods).toEqual(['full-text']);
    expect(sources.sources.length).toBeGreaterThan(0);
  });

  test('bad files fail alone with reasons', async () => {
    const client = await addClient(services, { name: 'Pipeline Client G' });
    const good = await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/12_overdraft_demand.pdf')]);
    await services.queue.idle();

    const bad = await uploadDocuments(services, { clientId: client.id }, [
      sampleFile('public/c01_pdfminer_aes-256_user-baz_owner-foo.pdf'),
      sampleFile('public/c10_ocrmypdf_invalid.pdf'),
      sampleFile('public/c13_ocrmypdf_livecycle_xfa.pdf'),
      new File([new Uint8Array(0)], 'empty.pdf'),
      new File(['<html><body>Not a PDF</body></html>'], 'page.pdf'),
    ]);
    await services.queue.idle();

    expect(bad.rejected.map((rejection) => rejection.error.code).sort()).toEqual(['file_empty', 'unsupported_file_type']);
    const codes = await Promise.all(bad.documents.map(async (document) => (await getDocumentById(services.db, { id: document.id }))?.errorCode));
    expect(codes).toEqual(['pdf_password_required', 'pdf_invalid', 'pdf_needs_rendering']);
    expect((await getDocumentById(services.db, { id: good.documents[0].id }))?.status).toBe('ready');
    expect(await listClientDebts(services.db, { clientId: client.id })).toHaveLength(1);
  });

  test('deleting a document removes what it produced', async () => {
    const client = await addClient(services, { name: 'Pipeline Client H' });
    const upload = await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/01_council_tax_reminder.pdf')]);
    await services.queue.idle();
    const documentId = upload.documents[0].id;
    const scope = { scope: 'client' as const, clientId: client.id };
    expect(await services.vectors.count(scope, documentId)).toBeGreaterThan(0);

    await deleteDocument(services, documentId);
    expect(await services.vectors.count(scope, documentId)).toBe(0);
    expect(await listChunksForTest(services.db, documentId)).toHaveLength(0);
    expect(await listClientDebts(services.db, { clientId: client.id })).toHaveLength(0);
    expect(await services.files.exists(documentId)).toBe(false);
    const graph = await services.graph.getGraph({ clientId: client.id, limit: 100 });
    expect(graph.nodes.map((node) => node.type)).toEqual(['Client']);
  });

  test('the same file twice is refused', async () => {
    const client = await addClient(services, { name: 'Pipeline Client J' });
    await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/07_default_notice_cca.pdf')]);
    const again = await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/07_default_notice_cca.pdf')]);
    await services.queue.idle();

    expect(again.documents).toEqual([]);
    expect(again.rejected[0].error.code).toBe('duplicate_document');
    expect(again.rejected[0].error.message).toContain('already in this client');
    expect(await listClientDebts(services.db, { clientId: client.id })).toHaveLength(1);
  });

  test('chunks join semantic search when embedding returns', async () => {
    const client = await addClient(services, { name: 'Pipeline Client K' });
    models.vision.setBehaviour({ mode: 'fail' });
    const upload = await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/11_payday_loan_arrears.pdf')]);
    await services.queue.idle();
    const documentId = upload.documents[0].id;
    const scope = { scope: 'client' as const, clientId: client.id };
    expect(await services.vectors.count(scope, documentId)).toBe(0);
    const warnings = (await getDocumentById(services.db, { id: documentId }))?.warnings.join(' ');
    expect(warnings).toMatch(/semantic search/);
    expect(warnings).not.toMatch(/http:|OLLAMA_/);

    models.vision.reset();
    expect(await embedPendingChunks(services)).toBeGreaterThanOrEqual(1);
    expect(await services.vectors.count(scope, documentId)).toBeGreaterThan(0);
    expect((await getDocumentById(services.db, { id: documentId }))?.warnings.join(' ')).not.toMatch(/semantic search/);
    expect(await listChunksForTest(services.db, documentId)).not.toHaveLength(0);
  });

  test('a new embedder gets older chunks', async () => {
    const client = await addClient(services, { name: 'Pipeline Client L' });
    const upload = await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/12_overdraft_demand.pdf')]);
    await services.queue.idle();
    const documentId = upload.documents[0].id;
    const scope = { scope: 'client' as const, clientId: client.id };

    // The embedding server now serves another model, as after a switch between Ollama and llama.cpp.
    await fetch(`${models.vision.url}/api/pull`, { method: 'POST', body: JSON.stringify({ model: 'all-minilm', stream: false }) });
    const providers = new ModelProviders(parseConfig({ ...models.env, OLLAMA_EMBED_MODEL: 'all-minilm', MODEL_PING_TIMEOUT_MS: '1000' }));
    const switched = providers.embedding;
    const question = 'How much is the overdraft?';
    const before = await retrievePassages({ db: services.db, vectors: services.vectors, embedding: switched }, scope, question, { limit: 5 });
    expect(before.methods).toContain('vector');

    const query = await switched.embed([question], 'query');
    expect(query.embedder).toBe('ollama:all-minilm');
    expect(await services.vectors.query(scope, query.vectors[0], 5, query.embedder)).toEqual([]);
    try {
      expect(await embedPendingChunks({ ...services, models: providers })).toBeGreaterThanOrEqual(1);
      const matches = await services.vectors.query(scope, query.vectors[0], 5, query.embedder);
      expect(matches.some((match) => match.id.startsWith(`${documentId}:`))).toBe(true);
    } finally {
      rememberEmbedder('ollama:nomic-embed-text');
      await providers.close();
    }
  });

  test('erasing a client leaves nothing in any store', async () => {
    const client = await addClient(services, { name: 'Pipeline Client I' });
    const upload = await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/01_council_tax_reminder.pdf'), sampleFile('synthetic/08_debt_collection_sold_on.pdf')]);
    await services.queue.idle();

    await eraseClient(services, client.id);
    expect(await services.vectors.count({ scope: 'client', clientId: client.id })).toBe(0);
    expect(await services.graph.countClientNodes(client.id)).toBe(0);
    for (const document of upload.documents) {
      expect(await services.files.exists(document.id)).toBe(false);
      expect(await getDocumentById(services.db, { id: document.id })).toBeUndefined();
      expect(await listChunksForTest(services.db, document.id)).toHaveLength(0);
    }
    expect(await listClientDebts(services.db, { clientId: client.id })).toHaveLength(0);
    expect(await listResolvedDebts(services.db, { clientId: client.id })).toEqual([]);
    expect(await listMergeProposals(services.db, { clientId: client.id })).toEqual([]);
  });

  test('card sold on counts once', async () => {
    const client = await addClient(services, { name: 'Pipeline Client L' });
    const letters = ['synthetic/09_credit_card_statement.pdf', 'synthetic/07_default_notice_cca.pdf', 'synthetic/08_debt_collection_sold_on.pdf'];
    const upload = await uploadDocuments(services, { clientId: client.id }, letters.map(sampleFile));
    await services.queue.idle();

    const { debts, totals } = await listDebtViews(services.db, { clientId: client.id });
    expect(debts).toHaveLength(1);
    expect(debts[0].balanceHistory.map((entry) => entry.amount)).toEqual(['3405.46', '3655.19', '3702.56']);
    expect(totals.nonPriority).toBe('3702.56');

    const graph = await services.graph.getGraph({ clientId: client.id, limit: 100 });
    expect(graph.nodes.filter((node) => node.type === 'Debt')).toHaveLength(1);
    const mentions = graph.links.filter((link) => link.type === 'MENTIONED_IN' && link.source === nodeIds.debt(debts[0].id));
    expect(mentions.map((link) => link.target).sort()).toEqual(upload.documents.map((document) => nodeIds.document(document.id)).sort());
  });
});

describe.skipIf(chroma.reason || neo4j.reason)('document pipeline with the graph in Neo4j', () => {
  let models: FakeModelServers;
  let services: Services;

  beforeAll(async () => {
    models = await startFakeModelServers();
    services = await createTestServices({ ...models.env, ...neo4j.env });
  });
  afterAll(async () => {
    await services?.close();
    await models?.close();
  });

  test('sold-on debt is one Neo4j node', async () => {
    expect(services.graph.kind).toBe('neo4j');
    const client = await addClient(services, { name: 'Neo4j Pipeline Client A' });
    const upload = await uploadDocuments(services, { clientId: client.id }, ['synthetic/09_credit_card_statement.pdf', 'synthetic/08_debt_collection_sold_on.pdf'].map(sampleFile));
    await services.queue.idle();

    const graph = await services.graph.getGraph({ clientId: client.id, limit: 100 });
    const debt = graph.nodes.find((node) => node.type === 'Debt')!;
    expect(graph.nodes.filter((node) => node.type === 'Debt')).toHaveLength(1);
    expect(debt.properties.amount).toBe(3702.56);
    expect(debt.properties.mentionCount).toBe(2);
    expect(graph.links).toContainEqual(expect.objectContaining({ source: debt.id, type: 'ORIGINALLY_OWED_TO' }));

    await deleteDocument(services, upload.documents[1].id);
    const after = await services.graph.getGraph({ clientId: client.id, limit: 100 });
    expect(after.nodes.find((node) => node.type === 'Debt')?.properties.amount).toBe(3405.46);
    expect(after.nodes.some((node) => node.label === 'Brackwater Portfolio Recoveries Ltd')).toBe(false);
  });

  test('erasing a client empties Neo4j', async () => {
    const client = await addClient(services, { name: 'Neo4j Pipeline Client B' });
    await uploadDocuments(services, { clientId: client.id }, [sampleFile('synthetic/01_council_tax_reminder.pdf')]);
    await services.queue.idle();
    expect(await services.graph.countClientNodes(client.id)).toBeGreaterThan(0);

    await eraseClient(services, client.id);
    expect(await services.graph.countClientNodes(client.id)).toBe(0);
    expect(await listResolvedDebts(services.db, { clientId: client.id })).toEqual([]);
  });

  test('Neo4j down keeps the debts', async () => {
    const unreachable = await createTestServices({ ...models.env, NEO4J_URI: 'bolt://127.0.0.1:9', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'unused' });
    try {
      const client = await addClient(unreachable, { name: 'Neo4j Pipeline Client C' });
      const upload = await uploadDocuments(unreachable, { clientId: client.id }, [sampleFile('synthetic/01_council_tax_reminder.pdf')]);
      await unreachable.queue.idle();

      const document = await getDocumentById(unreachable.db, { id: upload.documents[0].id });
      expect(document?.status).toBe('ready');
      expect(document?.warnings.join(' ')).toMatch(/graph could not be updated/);
      expect((await listDebtViews(unreachable.db, { clientId: client.id })).debts.map((debt) => debt.amount)).toEqual(['276.30']);
      const health = await checkHealth(unreachable);
      expect(health.dependencies.find((dependency) => dependency.name === 'graph')?.reachable).toBe(false);
    } finally {
      await unreachable.close();
    }
  });
});
