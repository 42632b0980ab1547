import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '@/lib/config';
import { openDatabase, type Database } from '@/lib/db/client';
import { searchChunks, getChunksInScope, saveChunks } from '@/lib/db/queries/chunks';
import { createClient, deleteClientById, getClientById, listClients } from '@/lib/db/queries/clients';
import { listClientDebts, replaceDocumentDebts } from '@/lib/db/queries/debts';
import { createDocument, listDocuments, listPages, savePage, updateDocument } from '@/lib/db/queries/documents';
import { claimNextJob, createJob, finishJob, requeueInterruptedJobs } from '@/lib/db/queries/jobs';
import { createPostgresDatabase, serviceUrl } from './helpers/services';

const postgres = serviceUrl('PostgreSQL');

const backends: { name: string; open: () => Promise<Database>; skip?: string }[] = [
  { name: 'PGlite', open: () => openDatabase(parseConfig({}), { pgliteDir: 'memory://' }) },
  {
    name: 'PostgreSQL',
    skip: postgres.reason,
    open: async () => openDatabase(parseConfig({ DATABASE_URL: await createPostgresDatabase(postgres.url!) })),
  },
];

const document = (clientId: string | null, filename = 'letter.pdf') => ({
  scope: clientId ? ('client' as const) : ('knowledge' as const),
  clientId,
  filename,
  mimeType: 'application/pdf',
  sizeBytes: 10,
  sha256: 'x'.repeat(64),
});

describe.each(backends)('records on $name', ({ open, skip }) => {
  let database: Database;

  beforeAll(async () => {
    if (!skip) database = await open();
  });
  afterAll(async () => {
    await database?.close();
  });

  test.skipIf(skip)('client counts its documents', async () => {
    const client = await createClient(database.db, { name: 'Contract Client A' });
    const first = await createDocument(database.db, document(client.id));
    await createDocument(database.db, document(client.id, 'second.pdf'));
    await updateDocument(database.db, { id: first.id, status: 'ready' });

    const summary = await getClientById(database.db, { id: client.id });
    expect(summary?.documentCount).toBe(2);
    expect(summary?.readyCount).toBe(1);
    expect((await listClients(database.db)).some((row) => row.id === client.id)).toBe(true);
  });

  test.skipIf(skip)('pages are saved and replaced', async () => {
    const client = await createClient(database.db, { name: 'Contract Client B' });
    const stored = await createDocument(database.db, document(client.id));
    await savePage(database.db, { documentId: stored.id, pageNumber: 1, method: 'ocr', markdown: 'first read' });
    await savePage(database.db, { documentId: stored.id, pageNumber: 1, method: 'vision', markdown: 'second read' });

    const pages = await listPages(database.db, { documentId: stored.id });
    expect(pages).toHaveLength(1);
    expect(pages[0].method).toBe('vision');
    expect(pages[0].markdown).toBe('second read');
  });

  test.skipIf(skip)('full-text search stays in scope', async () => {
    const mine = await createClient(database.db, { name: 'Contract Client C' });
    const other = await createClient(database.db, { name: 'Contract Client D' });
    const myDocument = await createDocument(database.db, document(mine.id));
    const otherDocument = await createDocument(database.db, document(other.id));
    await saveChunks(database.db, [
      { id: `${myDocument.id}:1:0`, documentId: myDocument.id, scope: 'client', clientId: mine.id, pageNumber: 1, chunkIndex: 0, text: 'Council tax arrears of £276.30 are overdue.' },
      { id: `${otherDocument.id}:1:0`, documentId: otherDocument.id, scope: 'client', clientId: other.id, pageNumber: 1, chunkIndex: 0, text: 'Council tax arrears of £999.99 are overdue.' },
    ]);

    const found = await searchChunks(database.db, { scope: { scope: 'client', clientId: mine.id }, words: ['council', 'arrears'], limit: 10 });
    expect(found.map((chunk) => chunk.documentId)).toEqual([myDocument.id]);
    const crossScope = await getChunksInScope(database.db, { scope: { scope: 'client', clientId: mine.id }, ids: [`${otherDocument.id}:1:0`] });
    expect(crossScope).toHaveLength(0);
  });

  test.skipIf(skip)('debts replaced per document', async () => {
    const client = await createClient(database.db, { name: 'Contract Client E' });
    const stored = await createDocument(database.db, document(client.id));
    const debt = { clientId: client.id, documentId: stored.id, pageNumber: 1, documentType: 'council_tax', source: 'rules' as const, amount: '276.30', creditor: 'Example Council' };
    await replaceDocumentDebts(database.db, { documentId: stored.id, rows: [debt, { ...debt, amount: '10.00' }] });
    await replaceDocumentDebts(database.db, { documentId: stored.id, rows: [debt] });

    const debts = await listClientDebts(database.db, { clientId: client.id });
    expect(debts).toHaveLength(1);
    expect(debts[0].amount).toBe('276.30');
    expect(debts[0].documentName).toBe('letter.pdf');
  });

  test.skipIf(skip)('jobs claimed once and recovered', async () => {
    const stored = await createDocument(database.db, document(null));
    const job = await createJob(database.db, { documentId: stored.id });
    const claimed = await claimNextJob(database.db);
    expect(claimed?.id).toBe(job.id);
    expect(await claimNextJob(database.db)).toBeUndefined();

    const recovered = await requeueInterruptedJobs(database.db, { maxAttempts: 3 });
    expect(recovered.requeued).toBe(1);
    const again = await claimNextJob(database.db);
    expect(again?.attempts).toBe(2);
    await finishJob(database.db, { id: job.id, status: 'done' });
    expect(await claimNextJob(database.db)).toBeUndefined();
  });

  test.skipIf(skip)('deleting a client cascades', async () => {
    const client = await createClient(database.db, { name: 'Contract Client F' });
    const stored = await createDocument(database.db, document(client.id));
    await savePage(database.db, { documentId: stored.id, pageNumber: 1, method: 'text-layer', markdown: 'text' });

    expect(await deleteClientById(database.db, { id: client.id })).toBe(true);
    expect(await listDocuments(database.db, { clientId: client.id })).toHaveLength(0);
    expect(await listPages(database.db, { documentId: stored.id })).toHaveLength(0);
  });
});
