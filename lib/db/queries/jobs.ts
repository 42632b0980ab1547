import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { documents, jobs } from '../schema';

export type JobRecord = typeof jobs.$inferSelect;

export async function createJob(db: Db, { documentId }: { documentId: string }): Promise<JobRecord> {
  const [job] = await db.insert(jobs).values({ kind: 'process-document', documentId }).returning();
  return job;
}

/**
 * Queued jobs in the order they run. The owner of a job is its document's client, or the knowledge
 * base. A job's turn is its place among its owner's queued jobs plus the owner's jobs running now, so
 * owners take turns. One client's batch of fifty letters then delays another client's first letter
 * by about one job per waiting owner, not by fifty.
 */
const queuedInTurn = sql`(
  select j.id, j.document_id, j.created_at,
    row_number() over (partition by coalesce(d.client_id::text, 'knowledge') order by j.created_at, j.id) + coalesce(running.jobs, 0) as turn
  from ${jobs} j
  join ${documents} d on d.id = j.document_id
  left join (
    select coalesce(rd.client_id::text, 'knowledge') as owner, count(*) as jobs
    from ${jobs} rj join ${documents} rd on rd.id = rj.document_id
    where rj.status = 'running'
    group by 1
  ) running on running.owner = coalesce(d.client_id::text, 'knowledge')
  where j.status = 'queued'
)`;

/** Number of the next jobs in turn that a claim considers. A job locked by another process is skipped. */
const CLAIM_CANDIDATES = 20;

/** Marks the next queued job in turn as running and returns it; SKIP LOCKED lets several processes share the table. */
export async function claimNextJob(db: Db): Promise<JobRecord | undefined> {
  const candidates = sql`array(select queued.id from ${queuedInTurn} as queued order by queued.turn, queued.created_at, queued.id limit ${CLAIM_CANDIDATES})`;
  const [job] = await db
    .update(jobs)
    .set({ status: 'running', startedAt: sql`now()`, attempts: sql`${jobs.attempts} + 1` })
    .where(
      eq(
        jobs.id,
        sql`(select ${jobs.id} from ${jobs} where ${jobs.status} = 'queued' and ${jobs.id} = any(${candidates}) order by array_position(${candidates}, ${jobs.id}) limit 1 for update skip locked)`,
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

/** Returns the queued jobs in the order they run (see queuedInTurn), for queue positions. */
export async function listQueuedJobs(db: Db): Promise<Pick<JobRecord, 'id' | 'documentId'>[]> {
  const result = await db.execute(sql`select queued.id, queued.document_id from ${queuedInTurn} as queued order by queued.turn, queued.created_at, queued.id`);
  return rowsOf<{ id: string; document_id: string }>(result).map((row) => ({ id: row.id, documentId: row.document_id }));
}

/** Reads the rows of db.execute's result, which PGlite and node-postgres both return in `rows`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export async function hasOpenJob(db: Db, { documentId }: { documentId: string }): Promise<boolean> {
  const rows = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.documentId, documentId), inArray(jobs.status, ['queued', 'running'])))
    .limit(1);
  return rows.length > 0;
}
