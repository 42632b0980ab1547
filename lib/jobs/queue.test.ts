import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { parseConfig } from '@/lib/config';
import { openDatabase, type Database } from '@/lib/db/client';
import { createDocument, getDocumentById } from '@/lib/db/queries/documents';
import { createClient } from '@/lib/db/queries/clients';
import { claimNextJob, createJob, listQueuedJobs } from '@/lib/db/queries/jobs';
import { jobs } from '@/lib/db/schema';
import { InProcessQueue } from './queue';

let database: Database;

beforeEach(async () => {
  database = await openDatabase(parseConfig({}), { pgliteDir: 'memory://' });
});
afterEach(() => database.close());

const newDocument = () =>
  createDocument(database.db, { scope: 'knowledge', clientId: null, filename: 'guide.pdf', mimeType: 'application/pdf', sizeBytes: 1, sha256: '0'.repeat(64) });

test('queue runs each job once', async () => {
  const seen: string[] = [];
  const queue = new InProcessQueue(database.db, async (job) => void seen.push(job.documentId), 2);
  await queue.start();
  const documents = await Promise.all([newDocument(), newDocument(), newDocument()]);
  for (const document of documents) await queue.enqueue(document.id);
  await queue.idle();

  expect(seen.sort()).toEqual(documents.map((document) => document.id).sort());
});

test('queue respects its concurrency', async () => {
  let running = 0;
  let peak = 0;
  const queue = new InProcessQueue(database.db, async () => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, 30));
    running -= 1;
  }, 2);
  await queue.start();
  for (let index = 0; index < 5; index++) await queue.enqueue((await newDocument()).id);
  await queue.idle();

  expect(peak).toBe(2);
});

test('jobs interrupted by a restart run again', async () => {
  const document = await newDocument();
  await createJob(database.db, { documentId: document.id });
  await claimNextJob(database.db);

  const seen: string[] = [];
  const queue = new InProcessQueue(database.db, async (job) => void seen.push(job.documentId), 1);
  await queue.start();
  await queue.idle();
  expect(seen).toEqual([document.id]);
});

test('a job interrupted three times fails its document', async () => {
  const document = await newDocument();
  await createJob(database.db, { documentId: document.id });
  for (let attempt = 0; attempt < 3; attempt++) {
    await claimNextJob(database.db);
    await database.db.update(jobs).set({ status: 'queued' }).where(eq(jobs.status, 'running'));
  }
  await claimNextJob(database.db);

  const queue = new InProcessQueue(database.db, async () => {
    throw new Error('must not run');
  }, 1);
  await queue.start();
  await queue.idle();
  const stored = await getDocumentById(database.db, { id: document.id });
  expect(stored?.status).toBe('failed');
  expect(stored?.errorMessage).toMatch(/upload it again/);
});

test('the password reaches the job once', async () => {
  const passwords: (string | undefined)[] = [];
  const queue = new InProcessQueue(database.db, async (_job, context) => void passwords.push(context.password), 1);
  await queue.start();
  const document = await newDocument();
  await queue.enqueue(document.id, { password: 'baz' });
  await queue.idle();
  await queue.enqueue(document.id);
  await queue.idle();

  expect(passwords).toEqual(['baz', undefined]);
});

test('clients take turns in the queue', async () => {
  const [first, second] = await Promise.all(['Turn Client One', 'Turn Client Two'].map((name) => createClient(database.db, { name })));
  const letter = (clientId: string | null) =>
    createDocument(database.db, { scope: clientId ? 'client' : 'knowledge', clientId, filename: 'letter.pdf', mimeType: 'application/pdf', sizeBytes: 1, sha256: '0'.repeat(64) });
  const batch = [];
  for (let index = 0; index < 4; index++) batch.push(await letter(first.id));
  const late = await letter(second.id);
  const manual = await letter(null);
  // Explicit times a second apart, because jobs created in quick succession can share a timestamp.
  const start = Date.now();
  for (const [index, document] of [...batch, late, manual].entries()) {
    await database.db.insert(jobs).values({ kind: 'process-document', documentId: document.id, createdAt: new Date(start + index * 1000) });
  }

  const order = (await listQueuedJobs(database.db)).map((job) => job.documentId);
  expect(order.slice(0, 3)).toEqual([batch[0].id, late.id, manual.id]);
  expect(order.slice(3)).toEqual([batch[1].id, batch[2].id, batch[3].id]);

  const claimed = [];
  for (let job = await claimNextJob(database.db); job; job = await claimNextJob(database.db)) claimed.push(job.documentId);
  expect(claimed).toEqual(order);
});
