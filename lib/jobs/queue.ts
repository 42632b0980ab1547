import type { Db } from '../db/client';
import { claimNextJob, createJob, finishJob, listQueuedJobs, requeueInterruptedJobs } from '../db/queries/jobs';
import { updateDocument } from '../db/queries/documents';
import { moduleLogger } from '../log';
import { INTERRUPTED_TOO_OFTEN_MESSAGE, type JobHandler, type JobQueue, type QueueDepth } from './types';

const log = moduleLogger('jobs.queue');

/** A job that was interrupted this many times (the process stopped while running it) is given up. */
const MAX_ATTEMPTS = 3;

/**
 * The default job queue: job state is persisted in the records database and jobs run in this process,
 * a few at a time. Jobs left running when the process stopped are queued again at start.
 * Passwords for protected PDFs are held in memory only and never stored.
 */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process';
  private active = 0;
  private started = false;
  private pumping = false;
  private readonly passwords = new Map<string, string>();
  private readonly controllers = new Map<string, AbortController>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly handler: JobHandler,
    private readonly concurrency: number,
  ) {}

  /** Recovers interrupted jobs and starts running queued ones. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { requeued, exhausted } = await requeueInterruptedJobs(this.db, { maxAttempts: MAX_ATTEMPTS });
    for (const job of exhausted) {
      await updateDocument(this.db, {
        id: job.documentId,
        status: 'failed',
        stage: null,
        errorCode: 'internal',
        errorMessage: INTERRUPTED_TOO_OFTEN_MESSAGE,
      });
    }
    if (requeued > 0 || exhausted.length > 0) log.info({ requeued, exhausted: exhausted.length }, 'interrupted jobs recovered');
    void this.pump();
  }

  /** Queues a document for processing; the password, if any, stays in memory until the job runs. */
  async enqueue(documentId: string, options: { password?: string } = {}): Promise<void> {
    if (options.password) this.passwords.set(documentId, options.password);
    await createJob(this.db, { documentId });
    void this.pump();
  }

  /** Returns each queued document's place in the queue, 1 being next. */
  async positions(): Promise<Map<string, number>> {
    const queued = await listQueuedJobs(this.db);
    return new Map(queued.map((job, index) => [job.documentId, index + 1]));
  }

  /** Counts queued jobs in the records database and the jobs this process is running. */
  async depth(): Promise<QueueDepth> {
    return { queued: (await listQueuedJobs(this.db)).length, running: this.controllers.size };
  }

  /** Cancels the running job of a document, e.g. because the document is being deleted. */
  cancel(documentId: string): void {
    this.controllers.get(documentId)?.abort();
    this.passwords.delete(documentId);
  }

  /** Resolves when no job is running or queued; used by tests and at shutdown. */
  async idle(): Promise<void> {
    if (this.active === 0 && !this.pumping && (await listQueuedJobs(this.db)).length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    return this.idle();
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const controller of this.controllers.values()) controller.abort();
  }

  private async pump(): Promise<void> {
    if (!this.started || this.pumping) return;
    this.pumping = true;
    try {
      while (this.started && this.active < this.concurrency) {
        // The slot is taken before the claim, so idle() never sees a claimed job that is not yet counted.
        this.active += 1;
        const job = await claimNextJob(this.db).catch((error: unknown) => {
          this.active -= 1;
          throw error;
        });
        if (!job) {
          this.active -= 1;
          break;
        }
        void this.run(job).finally(() => {
          this.active -= 1;
          void this.pump();
          this.notifyIdle();
        });
      }
    } catch (error) {
      log.error({ err: error }, 'claiming the next job failed');
    } finally {
      this.pumping = false;
    }
    this.notifyIdle();
  }

  private async run(job: { id: string; documentId: string }): Promise<void> {
    const controller = new AbortController();
    this.controllers.set(job.documentId, controller);
    const password = this.passwords.get(job.documentId);
    this.passwords.delete(job.documentId);
    const started = Date.now();
    try {
      await this.handler(job, { password, signal: controller.signal });
      await finishJob(this.db, { id: job.id, status: 'done' });
      log.info({ jobId: job.id, documentId: job.documentId, ms: Date.now() - started }, 'job finished');
    } catch (error) {
      // The handler records the document's failure itself; this only closes the job.
      log.error({ jobId: job.id, documentId: job.documentId, err: { name: (error as Error).name, message: (error as Error).message } }, 'job failed');
      await finishJob(this.db, { id: job.id, status: 'failed', lastError: (error as Error).name }).catch((finishError) =>
        log.error({ jobId: job.id, err: finishError }, 'recording a job failure failed'),
      );
    } finally {
      this.controllers.delete(job.documentId);
    }
  }

  private notifyIdle(): void {
    if (this.active > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
