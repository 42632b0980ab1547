import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { addClient } from '@/lib/clients';
import { parseConfig } from '@/lib/config';
import { createDocument, getDocumentById } from '@/lib/db/queries/documents';
import { jobs } from '@/lib/db/schema';
import { deleteDocument, listDocumentViews, uploadDocuments } from '@/lib/documents/manage';
import { samplePath } from '@/lib/documents/test-samples';
import { AppError } from '@/lib/errors';
import { BullQueue, KEY_PREFIX, QUEUE_NAME } from '@/lib/jobs/bullmq';
import { getMetrics } from '@/lib/metrics';
import type { Services } from '@/lib/services';
import { createTestServices } from './helpers/app-services';
import { startFakeModelServers, type FakeModelServers } from './helpers/fake-models';
import { createPostgresDatabase, serviceUrl } from './helpers/services';

const redis = serviceUrl('Redis');
const postgres = serviceUrl('PostgreSQL');
const chroma = serviceUrl('Chroma');
const missing = redis.reason ?? postgres.reason ?? chroma.reason;

const repositoryRoot = path.resolve(import.meta.dirname, '..');
const workerBundle = path.join(repositoryRoot, 'dist/worker.mjs');
const authSecret = 'queue-test-secret-'.padEnd(48, 'x');

function sampleFile(relative: string): File {
  return new File([fs.readFileSync(samplePath(relative))], path.basename(relative));
}

type WorkerProcess = { child: ChildProcess; logs: Record<string, unknown>[]; finished: () => string[] };

/**
 * The web app and the workers share everything a deployment shares: one PostgreSQL database, one
 * DATA_DIR for stored files, one Chroma, the model servers, one Redis and AUTH_SECRET. Workers run
 * as separate processes from the production bundle (dist/worker.mjs), as the Docker image runs them.
 */
describe.skipIf(missing)('BullMQ queue with worker processes', () => {
  let models: FakeModelServers;
  let services: Services & { dataDir: string };
  let env: Record<string, string>;
  let redisClient: Redis;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['scripts/build-worker.mjs'], { cwd: repositoryRoot, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`Building the worker bundle failed: ${build.stderr}`);

    models = await startFakeModelServers();
    const redisUrl = `${redis.url}/3`;
    redisClient = new Redis(redisUrl);
    await redisClient.flushdb();
    env = {
      ...models.env,
      DATABASE_URL: await createPostgresDatabase(postgres.url!),
      REDIS_URL: redisUrl,
      AUTH_SECRET: authSecret,
      WORKER_LOCK_SECONDS: '2',
      DOCUMENT_CONCURRENCY: '1',
    };
    services = await createTestServices(env);
    env.DATA_DIR = services.dataDir;
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => stopWorker(worker, 'SIGKILL')));
    await services?.close();
    await models?.close();
    redisClient?.disconnect();
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => stopWorker(worker, 'SIGTERM')));
    models.text.reset();
    models.vision.reset();
  });

  function startWorker(overrides: Record<string, string> = {}): Promise<WorkerProcess> {
    const child = spawn(process.execPath, [workerBundle], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env, LOG_LEVEL: 'info', WORKER_PORT: '0', ...overrides },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker: WorkerProcess = {
      child,
      logs: [],
      finished: () => worker.logs.filter((line) => line.msg === 'job finished').map((line) => String(line.documentId)),
    };
    workers.push(worker);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('{')) worker.logs.push(JSON.parse(line) as Record<string, unknown>);
    });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));

    return new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        if (worker.logs.some((line) => line.msg === 'worker ready')) {
          clearInterval(timer);
          resolve(worker);
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`The worker exited with code ${child.exitCode}: ${errors.slice(-2000)}`));
        }
      }, 50);
    });
  }

  async function stopWorker(worker: WorkerProcess, signal: NodeJS.Signals): Promise<void> {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
    const exited = new Promise((resolve) => worker.child.once('exit', resolve));
    worker.child.kill(signal);
    await exited;
  }

  async function waitForStatus(documentId: string, statuses: string[], timeoutMs = 45_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const document = await getDocumentById(services.db, { id: documentId });
      if (document && statuses.includes(document.status)) return document.status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const document = await getDocumentById(services.db, { id: documentId });
    throw new Error(`Document ${documentId} is still ${document?.status}/${document?.stage} after ${timeoutMs} ms`);
  }

  /**
   * Uploads a scanned PDF whose vision call hangs, and returns once a worker is mid-job on it:
   * the document is processing and its page has reached the vision server.
   */
  async function uploadScanThatHangs(clientName: string, sample: string): Promise<string> {
    models.vision.setBehaviour({ mode: 'hang' });
    const client = await addClient(services, { name: clientName });
    const upload = await uploadDocuments(services, { clientId: client.id }, [sampleFile(sample)]);
    const documentId = upload.documents[0].id;
    await waitForStatus(documentId, ['processing']);
    await expect.poll(() => models.vision.requests().some((request) => request.imageCount > 0), { timeout: 20_000 }).toBe(true);
    return documentId;
  }

  test('web app queues in Redis and runs nothing', async () => {
    const client = await addClient(services, { name: 'Queue Client A' });
    const upload = await uploadDocuments(services, { clientId: client.id }, [
      sampleFile('synthetic/01_council_tax_reminder.pdf'),
      sampleFile('synthetic/07_default_notice_cca.pdf'),
      sampleFile('synthetic/09_credit_card_statement.pdf'),
    ]);
    const [first, second, third] = upload.documents.map((document) => document.id);

    expect(services.queue.kind).toBe('bullmq');
    expect(await services.queue.depth()).toEqual({ queued: 3, running: 0 });
    expect(await services.db.select().from(jobs)).toEqual([]);
    const positions = await services.queue.positions();
    expect([positions.get(first), positions.get(second), positions.get(third)]).toEqual([1, 2, 3]);
    const views = await listDocumentViews(services, { clientId: client.id });
    expect(views.find((view) => view.id === third)?.queuePosition).toBe(3);

    await getMetrics().observeQueueDepth(services.queue);
    const gauge = await getMetrics().queueDepth.get();
    expect(gauge.values.find((value) => value.labels.state === 'queued')?.value).toBe(3);

    services.queue.cancel(second);
    await expect.poll(async () => (await services.queue.positions()).has(second)).toBe(false);
    const after = await services.queue.positions();
    expect([after.get(first), after.get(third)]).toEqual([1, 2]);

    const other = await addClient(services, { name: 'Queue Client A2' });
    const [late] = (await uploadDocuments(services, { clientId: other.id }, [sampleFile('synthetic/05_energy_arrears.pdf')])).documents.map((document) => document.id);
    const turns = await services.queue.positions();
    expect([turns.get(first), turns.get(late), turns.get(third)]).toEqual([1, 2, 3]);

    await redisClient.flushdb();
  });

  test('two workers share one queue', async () => {
    const [one, two] = await Promise.all([startWorker(), startWorker()]);
    models.text.setBehaviour({ mode: 'normal', delayMs: 300 });
    const client = await addClient(services, { name: 'Queue Client B' });
    const upload = await uploadDocuments(services, { clientId: client.id }, [
      sampleFile('synthetic/01_council_tax_reminder.pdf'),
      sampleFile('synthetic/07_default_notice_cca.pdf'),
      sampleFile('synthetic/11_payday_loan_arrears.pdf'),
      sampleFile('synthetic/12_overdraft_demand.pdf'),
    ]);
    const ids = upload.documents.map((document) => document.id);

    for (const id of ids) expect(await waitForStatus(id, ['ready', 'failed'])).toBe('ready');
    await services.queue.idle();
    expect([...one.finished(), ...two.finished()].sort()).toEqual([...ids].sort());
    expect(one.finished().length).toBeGreaterThan(0);
    expect(two.finished().length).toBeGreaterThan(0);
  });

  test("a killed worker's job is run by another", async () => {
    const first = await startWorker();
    const documentId = await uploadScanThatHangs('Queue Client C', 'synthetic/08_debt_collection_sold_on.scan.pdf');

    await stopWorker(first, 'SIGKILL');
    models.vision.reset();
    const second = await startWorker();

    expect(await waitForStatus(documentId, ['ready', 'failed'])).toBe('ready');
    expect(second.finished()).toEqual([documentId]);
    expect(second.logs.some((line) => line.msg?.toString().startsWith('job stalled'))).toBe(true);
    const document = await getDocumentById(services.db, { id: documentId });
    expect(document?.pagesDone).toBe(1);
  });

  test('a PDF password travels sealed', async () => {
    const client = await addClient(services, { name: 'Queue Client D' });
    const bytes = fs.readFileSync(samplePath('public/c01_pdfminer_aes-256_user-baz_owner-foo.pdf'));
    const document = await createDocument(services.db, {
      scope: 'client', clientId: client.id, filename: 'protected.pdf', mimeType: 'application/pdf', sizeBytes: bytes.byteLength, sha256: 'c'.repeat(64),
    });
    await services.files.save(document.id, new Uint8Array(bytes));
    await services.queue.enqueue(document.id, { password: 'baz' });

    const keys = await redisClient.keys(`${KEY_PREFIX}:${QUEUE_NAME}:*`);
    const stored = await Promise.all(keys.map(async (key) => ((await redisClient.type(key)) === 'hash' ? JSON.stringify(await redisClient.hgetall(key)) : '')));
    const jobHash = stored.find((value) => value.includes(document.id));
    expect(jobHash).toContain('sealedPassword');
    expect(jobHash).not.toMatch(/\\"baz\\"|"baz"/);

    await startWorker();
    expect(await waitForStatus(document.id, ['ready', 'failed'])).toBe('ready');
  });

  test('a worker with another AUTH_SECRET fails the document', async () => {
    const client = await addClient(services, { name: 'Queue Client F' });
    const bytes = fs.readFileSync(samplePath('public/c02_pdfminer_rc4-40_user-baz_owner-foo.pdf'));
    const document = await createDocument(services.db, {
      scope: 'client', clientId: client.id, filename: 'protected.pdf', mimeType: 'application/pdf', sizeBytes: bytes.byteLength, sha256: 'f'.repeat(64),
    });
    await services.files.save(document.id, new Uint8Array(bytes));
    await services.queue.enqueue(document.id, { password: 'baz' });
    await startWorker({ AUTH_SECRET: 'another-secret-'.padEnd(48, 'y') });

    expect(await waitForStatus(document.id, ['ready', 'failed'])).toBe('failed');
    const stored = await getDocumentById(services.db, { id: document.id });
    expect(stored?.errorMessage).toMatch(/AUTH_SECRET differs/);
  });

  test('deleting a document stops its running job', async () => {
    const worker = await startWorker();
    const documentId = await uploadScanThatHangs('Queue Client G', 'synthetic/10_catalogue_arrears.scan.pdf');

    await deleteDocument(services, documentId);
    await expect.poll(() => worker.logs.some((line) => line.msg === 'running job cancelled' && line.documentId === documentId), { timeout: 10_000 }).toBe(true);
    await services.queue.idle();
    expect(await getDocumentById(services.db, { id: documentId })).toBeUndefined();
    expect(worker.finished()).toEqual([]);
  });

  test('enqueue fails fast without Redis', async () => {
    const client = await addClient(services, { name: 'Queue Client E' });
    const document = await createDocument(services.db, {
      scope: 'client', clientId: client.id, filename: 'letter.pdf', mimeType: 'application/pdf', sizeBytes: 1, sha256: 'e'.repeat(64),
    });
    const unreachable = new BullQueue('redis://127.0.0.1:9', services.db, authSecret);
    const started = Date.now();
    try {
      const failure = await unreachable.enqueue(document.id).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).message).toContain('redis://127.0.0.1:9');
      expect(Date.now() - started).toBeLessThan(5_000);
      const stored = await getDocumentById(services.db, { id: document.id });
      expect(stored?.status).toBe('failed');
      expect(stored?.errorMessage).toMatch(/Process it again/);
    } finally {
      await unreachable.stop();
    }
  });

  test('worker serves health and metrics', async () => {
    const config = parseConfig({ ...env, METRICS_TOKEN: 'metrics-token-for-tests' });
    const { startWorkerHttp } = await import('@/lib/jobs/worker-http');
    const http = await startWorkerHttp({
      host: '127.0.0.1',
      port: 0,
      metricsToken: config.METRICS_TOKEN,
      worker: { isRunning: () => true, runningCount: () => 0, close: async () => undefined },
      queue: services.queue,
    });
    try {
      const health = await fetch(`${http.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', runningJobs: 0 });
      expect((await fetch(`${http.url}/metrics`)).status).toBe(401);
      const metrics = await fetch(`${http.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-for-tests' } });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('rma_queue_jobs{state="queued"} 0');
    } finally {
      await http.close();
    }
  });
});
