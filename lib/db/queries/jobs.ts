import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { jobs } from '../schema';

export type JobRecord = typeof jobs.$inferSelect;

export async function createJob(db: Db, { documentId }: { documentId: string }): Promise<JobRecord> {
  const [job] = await db.insert(jobs).values({ kind: 'process-document', documentId }).returning();
  return job;
}

/** Marks the oldest queued job as running and returns it; SKIP LOCKED lets several processes share the table. */
export async function claimNextJob(db: Db): Promise<JobRecord | undefined> {
  const [job] = await db
    .update(jobs)
    .set({ status: 'running', startedAt: sql`now()`, attempts: sql`${jobs.attempts} + 1` })
    .where(
      eq(
        jobs.id,
        sql`(select ${jobs.id} from ${jobs} where ${jobs.status} = 'queued' order by ${jobs.createdAt} limit 1 for update skip locked)`,
      ),
    )
    .returning();
  return job;
}

export async function finishJob(db: Db, { id, status, lastError }: { id: string; status: 'done' | 'failed'; lastError?: string }): Promise<void> {
  await db.update(jobs).set({ status, lastError: lastError ?? null, finishedAt: sql`now()` }).where(eq(jobs.id, id));
}

/**
 * Puts jobs left running by a stopped process back in the queue. Jobs that already ran `maxAttempts`
 * times are returned instead, so the caller can mark their documents failed.
 */
export async function requeueInterruptedJobs(db: Db, { maxAttempts }: { maxAttempts: number }): Promise<{ requeued: number; exhausted: JobRecord[] }> {
  const requeued = await db
    .update(jobs)
    .set({ status: 'queued' })
    .where(and(eq(jobs.status, 'running'), lt(jobs.attempts, maxAttempts)))
    .returning({ id: jobs.id });
  const exhausted = await db
    .update(jobs)
    .set({ status: 'failed', finishedAt: sql`now()`, lastError: 'stopped too many times' })
    .where(eq(jobs.status, 'running'))
    .returning();
  return { requeued: requeued.length, exhausted };
}

/** Returns the queued job ids in order, for queue positions. */
export async function listQueuedJobs(db: Db): Promise<Pick<JobRecord, 'id' | 'documentId'>[]> {
  return db.select({ id: jobs.id, documentId: jobs.documentId }).from(jobs).where(eq(jobs.status, 'queued')).orderBy(asc(jobs.createdAt));
}

export async function hasOpenJob(db: Db, { documentId }: { documentId: string }): Promise<boolean> {
  const rows = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.documentId, documentId), inArray(jobs.status, ['queued', 'running'])))
    .limit(1);
  return rows.length > 0;
}
