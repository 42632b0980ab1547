import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Db } from '../db/client';
import { claimNextJob, finishJob, requeueInterruptedJobs } from '../db/queries/jobs';
import { ownerTurn, updateDocument } from '../db/queries/documents';
import { AppError } from '../errors';
import { moduleLogger } from '../log';
import { sealPassword } from './sealed-password';
import type { JobQueue, QueueDepth } from './types';

const log = moduleLogger('jobs.bullmq');

/** BullMQ names: every key lives under `rma:documents:`, so one Redis can serve other apps too. */
export const QUEUE_NAME = 'documents';
export const KEY_PREFIX = 'rma';
export const JOB_NAME = 'process-document';
/** Pub/sub channel on which the web app publishes the id of a document whose running job must stop. */
export const CANCEL_CHANNEL = `${KEY_PREFIX}:${QUEUE_NAME}:cancel`;

/** Data of a job in Redis: the document id and, for a protected PDF, the password sealed with AUTH_SECRET. */
export type DocumentJobData = { documentId: string; sealedPassword?: string };

/** Most waiting jobs read to compute queue positions; later documents show no position. */
const MAX_POSITIONS = 1_000;
/** BullMQ's largest job priority. */
const MAX_PRIORITY = 2_097_152;
const IDLE_POLL_MS = 100;
/** How long the web app waits for Redis at start before it carries on without it. */
const START_WAIT_MS = 10_000;
/** How long an upload waits for a Redis connection that is not ready, e.g. while it reconnects. */
const CALL_WAIT_MS = 2_000;

/**
 * Opens an ioredis connection for BullMQ. Workers need `maxRetriesPerRequest: null` (BullMQ rejects
 * anything else for blocking commands). The web app instead fails fast with the offline queue off, so
 * an upload during a Redis outage gets an error at once rather than waiting for the reconnection.
 */
export function connectRedis(url: string, role: 'producer' | 'worker' | 'subscriber'): Redis {
  const options: RedisOptions =
    role === 'producer' ? { maxRetriesPerRequest: 1, enableOfflineQueue: false } : { maxRetriesPerRequest: null };
  const redis = new Redis(url, { ...options, connectionName: `rma-advisor-${role}` });
  redis.on('error', (error) => log.warn({ role, err: { name: error.name, message: error.message } }, 'Redis connection error'));
  return redis;
}

/** Resolves once the connection is ready; throws when it is not ready within `timeoutMs`. */
export async function waitUntilReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis was not ready within ${timeoutMs} ms (connection status: ${redis.status})`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}

/** Describes a Redis URL without its password, for messages and logs. */
export function redisAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * The queue when REDIS_URL is set: the web app adds jobs to a BullMQ queue in Redis and worker
 * processes (lib/jobs/worker.ts) run them, so any number of app replicas and workers share one queue.
 */
export class BullQueue implements JobQueue {
  readonly kind = 'bullmq';
  private readonly redis: Redis;
  private readonly address: string;
  private queue?: Queue<DocumentJobData>;

  constructor(
    redisUrl: string,
    private readonly db: Db,
    private readonly authSecret: string,
  ) {
    this.address = redisAddress(redisUrl);
    this.redis = connectRedis(redisUrl, 'producer');
  }

  /**
   * Returns the BullMQ queue, created once the connection is ready. BullMQ sends its first commands
   * as the queue is created, and with the offline queue off they would fail for good on a connection
   * still opening. Later outages fail single calls, and ioredis reconnects by itself.
   */
  private async getQueue(timeoutMs = CALL_WAIT_MS): Promise<Queue<DocumentJobData>> {
    await waitUntilReady(this.redis, timeoutMs);
    if (!this.queue) {
      this.queue = new Queue<DocumentJobData>(QUEUE_NAME, { connection: this.redis, prefix: KEY_PREFIX });
      this.queue.on('error', (error) => log.warn({ err: { name: error.name, message: error.message } }, 'BullMQ queue error'));
    }
    return this.queue;
  }

  /**
   * Moves jobs left in the records database by the in-process queue (before REDIS_URL was set) to
   * Redis. claimNextJob skips rows that another replica holds, so replicas starting together move
   * each job once. Passwords of such jobs were in the old process's memory only and are gone.
   */
  async start(): Promise<void> {
    try {
      await this.getQueue(START_WAIT_MS);
    } catch (error) {
      log.error({ redis: this.address, err: { name: (error as Error).name, message: (error as Error).message } }, 'Redis is unreachable; uploads fail until it responds');
      return;
    }
    // Every job left running is moved, however often it was tried: BullMQ counts its own attempts.
    await requeueInterruptedJobs(this.db, { maxAttempts: 2_147_483_647 });
    let moved = 0;
    for (let job = await claimNextJob(this.db); job; job = await claimNextJob(this.db)) {
      await this.add({ documentId: job.documentId }, await ownerTurn(this.db, { documentId: job.documentId }));
      await finishJob(this.db, { id: job.id, status: 'done', lastError: 'moved to the Redis queue' });
      moved += 1;
    }
    if (moved > 0) log.info({ moved }, 'queued jobs moved from the records database to Redis');
    log.info({ redis: this.address }, 'BullMQ queue ready; worker processes run the jobs');
  }

  async enqueue(documentId: string, options: { password?: string } = {}): Promise<void> {
    const data: DocumentJobData = { documentId };
    if (options.password) data.sealedPassword = sealPassword(this.authSecret, documentId, options.password);
    try {
      await this.add(data, await ownerTurn(this.db, { documentId }));
    } catch (error) {
      log.error({ documentId, redis: this.address, err: { name: (error as Error).name, message: (error as Error).message } }, 'queueing a document failed');
      const message = `The document was stored but could not be queued for processing, because the job queue (Redis at ${this.address}) did not respond. Process it again from its page once the queue is back.`;
      await updateDocument(this.db, { id: documentId, status: 'failed', stage: null, errorCode: 'internal', errorMessage: message });
      throw new AppError('internal', message, { cause: error, retryable: true });
    }
  }

  /**
   * Adds a job. `turn` becomes its BullMQ priority (lower runs sooner, equal ones in order), so
   * owners take turns as in the in-process queue: a client's tenth waiting letter runs after
   * another client's first.
   */
  private async add(data: DocumentJobData, turn: number): Promise<void> {
    // attempts: 1, because the pipeline records its own failures and a retry is the advisor's
    // decision. Finished jobs are removed: the records database keeps the outcome, and Redis should
    // not keep sealed passwords longer than needed.
    await (await this.getQueue()).add(JOB_NAME, data, { attempts: 1, removeOnComplete: true, removeOnFail: true, priority: Math.min(turn, MAX_PRIORITY) });
  }

  /** Reads BullMQ's waiting jobs in the order they run. When Redis is down the page shows no positions rather than failing. */
  async positions(): Promise<Map<string, number>> {
    try {
      const waiting = await (await this.getQueue()).getJobs(['prioritized', 'waiting'], 0, MAX_POSITIONS - 1, true);
      return new Map(waiting.map((job, index) => [(job.data as DocumentJobData).documentId, index + 1]));
    } catch (error) {
      log.warn({ redis: this.address, err: { name: (error as Error).name, message: (error as Error).message } }, 'reading queue positions failed');
      return new Map();
    }
  }

  async depth(): Promise<QueueDepth> {
    const counts = await (await this.getQueue()).getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    return { queued: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0), running: counts.active ?? 0 };
  }

  /**
   * Removes the document's waiting jobs and publishes the cancellation, so the worker running its job
   * aborts it. This runs in the background. A job that escapes it finds its document gone and ends.
   */
  cancel(documentId: string): void {
    void this.cancelJobs(documentId).catch((error: unknown) =>
      log.warn({ documentId, err: { name: (error as Error).name, message: (error as Error).message } }, 'cancelling a document job failed'),
    );
  }

  private async cancelJobs(documentId: string): Promise<void> {
    await this.redis.publish(CANCEL_CHANNEL, documentId);
    const waiting = await (await this.getQueue()).getJobs(['waiting', 'prioritized', 'delayed'], 0, -1, true);
    for (const job of waiting) {
      if ((job.data as DocumentJobData).documentId === documentId) await job.remove();
    }
  }

  async idle(): Promise<void> {
    while (true) {
      const depth = await this.depth();
      if (depth.queued === 0 && depth.running === 0) return;
      await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
    }
  }

  async stop(): Promise<void> {
    await this.queue?.close();
    this.redis.disconnect();
  }
}
