/** Runs one document's processing; the pipeline records the document's outcome itself. */
export type JobHandler = (job: { id: string; documentId: string }, context: { password?: string; signal: AbortSignal }) => Promise<void>;

/** The document's error when its job was interrupted (its process stopped) too many times. */
export const INTERRUPTED_TOO_OFTEN_MESSAGE =
  'Processing stopped several times before it could finish. Delete the document and upload it again; if it fails again, report the document id.';

/** Jobs waiting to run (queued) and jobs being run by any process (running). */
export type QueueDepth = { queued: number; running: number };

/**
 * The processing queue that the rest of the app uses. InProcessQueue, the default, keeps jobs in the
 * records database and runs them in the web app. BullQueue, used when REDIS_URL is set, keeps them in
 * Redis for `npm run worker` processes. Document status and stage live in the records database in
 * both cases, because the queue only decides when and where a document is processed.
 */
export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  /** Starts taking jobs, or for a queue whose jobs run elsewhere, prepares to send them. */
  start(): Promise<void>;
  /** Queues a document for processing; `password` opens a protected PDF and is never stored in plain text. */
  enqueue(documentId: string, options?: { password?: string }): Promise<void>;
  /** Returns each waiting document's place in the queue, 1 being next. */
  positions(): Promise<Map<string, number>>;
  depth(): Promise<QueueDepth>;
  /** Removes a document's waiting job and stops its running one, e.g. because the document is being deleted. */
  cancel(documentId: string): void;
  /** Resolves when no job is waiting or running; used by tests and at shutdown. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}
