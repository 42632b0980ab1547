import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { updateDocument } from '../db/queries/documents';
import { processDocument, type PipelineDeps } from '../documents/pipeline';
import { moduleLogger } from '../log';
import { CANCEL_CHANNEL, connectRedis, KEY_PREFIX, QUEUE_NAME, redisAddress, type DocumentJobData } from './bullmq';
import { openPassword } from './sealed-password';
import { INTERRUPTED_TOO_OFTEN_MESSAGE } from './types';

const log = moduleLogger('jobs.worker');

/**
 * A job that stalled (its worker stopped renewing the lock) this many times is given up. Three starts
 * in all, as the in-process queue allows for jobs interrupted by restarts.
 */
const MAX_STALLED_COUNT = 2;

/** Failure reason of a job whose sealed password could not be opened. */
const PASSWORD_UNREADABLE = 'The PDF password could not be decrypted: AUTH_SECRET differs between the web app and the worker.';

export type DocumentWorker = {
  /** Jobs this process is running now. */
  runningCount(): number;
  /** Whether the worker is connected and taking jobs. */
  isRunning(): boolean;
  /** Stops taking jobs and waits for the running ones to finish. */
  close(): Promise<void>;
};

/**
 * Starts a BullMQ worker that runs document jobs with the same pipeline as the in-process queue,
 * `concurrency` at a time. BullMQ's lock, renewed every half `lockMs`, marks a job as taken. When a
 * worker dies, its lock expires and another worker's stalled check (every `lockMs`) queues the job again.
 */
export async function startDocumentWorker(options: {
  redisUrl: string;
  deps: PipelineDeps;
  authSecret: string;
  concurrency: number;
  lockMs: number;
}): Promise<DocumentWorker> {
  const { deps } = options;
  const address = redisAddress(options.redisUrl);
  const connection = connectRedis(options.redisUrl, 'worker');
  const running = new Map<string, { jobId: string }>();

  const processor = async (job: Job<DocumentJobData>, _token?: string, signal?: AbortSignal): Promise<void> => {
    const { documentId } = job.data;
    const password = job.data.sealedPassword ? unsealPassword(options.authSecret, documentId, job.data.sealedPassword) : undefined;
    running.set(documentId, { jobId: job.id! });
    const started = Date.now();
    try {
      await processDocument(deps, documentId, { password, signal: signal ?? new AbortController().signal });
      log.info({ jobId: job.id, documentId, attempt: job.attemptsStarted, ms: Date.now() - started }, 'job finished');
    } finally {
      running.delete(documentId);
    }
  };

  const worker = new Worker<DocumentJobData>(QUEUE_NAME, processor, {
    connection,
    prefix: KEY_PREFIX,
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    maxStalledCount: MAX_STALLED_COUNT,
    autorun: false,
  });

  worker.on('failed', (job, error) => void recordFailure(deps, job, error));
  worker.on('stalled', (jobId) => log.warn({ jobId }, 'job stalled: its worker stopped; it is queued again'));
  worker.on('error', (error) => log.error({ err: { name: error.name, message: error.message } }, 'BullMQ worker error'));

  const subscriber = await subscribeToCancellations(options.redisUrl, (documentId) => {
    const job = running.get(documentId);
    if (job && worker.cancelJob(job.jobId, 'document deleted')) log.info({ documentId, jobId: job.jobId }, 'running job cancelled');
  });

  void worker.run().catch((error: unknown) => log.error({ err: error }, 'BullMQ worker stopped unexpectedly'));
  await worker.waitUntilReady();
  log.info({ redis: address, concurrency: options.concurrency, lockMs: options.lockMs }, 'worker taking jobs');

  return {
    runningCount: () => running.size,
    isRunning: () => worker.isRunning() && connection.status === 'ready',
    close: async () => {
      await worker.close();
      subscriber.disconnect();
      connection.disconnect();
      log.info({}, 'worker stopped');
    },
  };
}

/**
 * Opens the sealed password. When it cannot be opened (AUTH_SECRET differs between the web app and
 * this worker), the job fails at once with a message for the operator rather than running without it.
 */
function unsealPassword(secret: string, documentId: string, sealed: string): string {
  try {
    return openPassword(secret, documentId, sealed);
  } catch (error) {
    log.error({ documentId, err: { name: (error as Error).name } }, 'the queued PDF password could not be decrypted; AUTH_SECRET must be the same in the web app and every worker');
    throw new UnrecoverableError(PASSWORD_UNREADABLE);
  }
}

/**
 * Records failures that the pipeline could not record itself: a job given up after stalling too
 * often, and a password that could not be decrypted. The pipeline records every other failure.
 */
async function recordFailure(deps: PipelineDeps, job: Job<DocumentJobData> | undefined, error: Error): Promise<void> {
  const documentId = job?.data.documentId;
  log.warn({ jobId: job?.id, documentId, err: { name: error.name } }, 'job failed');
  if (!documentId || !(error instanceof UnrecoverableError)) return;

  // BullMQ fails a job that stalled too often with an UnrecoverableError of its own.
  const message =
    error.message === PASSWORD_UNREADABLE
      ? 'The PDF password could not be used because of a server setting. Enter the password again; if this repeats, tell your administrator (AUTH_SECRET differs between the app and its workers).'
      : INTERRUPTED_TOO_OFTEN_MESSAGE;
  await updateDocument(deps.db, { id: documentId, status: 'failed', stage: null, errorCode: 'internal', errorMessage: message }).catch((updateError: unknown) =>
    log.error({ documentId, err: updateError }, 'recording a job failure failed'),
  );
}

async function subscribeToCancellations(redisUrl: string, onCancel: (documentId: string) => void): Promise<Redis> {
  const subscriber = connectRedis(redisUrl, 'subscriber');
  subscriber.on('message', (channel: string, documentId: string) => {
    if (channel === CANCEL_CHANNEL) onCancel(documentId);
  });
  await subscriber.subscribe(CANCEL_CHANNEL);
  return subscriber;
}
