import { sql } from 'drizzle-orm';
import { AppError } from './errors';
import { getRoleStatuses, type RoleStatus } from './llm/status';
import type { Services } from './services';

export type DependencyStatus = { name: 'database' | 'vectors' | 'graph' | 'queue'; kind: string; reachable: boolean; error: string | null };

export type Health = {
  /** ok: everything answers; degraded: the app works with fallbacks; down: the records database fails. */
  status: 'ok' | 'degraded' | 'down';
  dependencies: DependencyStatus[];
  models: RoleStatus[];
  checkedAt: string;
};

async function check(name: DependencyStatus['name'], kind: string, probe: () => Promise<unknown>): Promise<DependencyStatus> {
  try {
    await probe();
    return { name, kind, reachable: true, error: null };
  } catch (error) {
    const message = error instanceof AppError ? error.message : `${kind} did not answer: ${(error as Error).name}.`;
    return { name, kind, reachable: false, error: message };
  }
}

/** Checks every dependency at once; never throws, so health can always be reported. */
export async function checkHealth(services: Services): Promise<Health> {
  const [database, vectors, graph, queue, models] = await Promise.all([
    check('database', services.database.kind === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL', () => services.db.execute(sql`select 1`)),
    check('vectors', `Chroma at ${services.config.CHROMA_URL}`, () => services.vectors.ping()),
    check('graph', services.graph.kind === 'embedded' ? 'embedded graph store' : 'Neo4j', () => services.graph.ping()),
    // REDIS_URL may carry a password, so the queue is named by its kind, never by its address.
    check('queue', services.queue.kind === 'bullmq' ? 'Redis (REDIS_URL), run by workers' : 'in-process queue', () => services.queue.depth()),
    getRoleStatuses(services.models),
  ]);
  const dependencies = [database, vectors, graph, queue];
  // A role served by llama.cpp in place of an unreachable Ollama server works, but on a fallback.
  const allFine = dependencies.every((dependency) => dependency.reachable) && models.every((role) => role.reachable && role.activeModel && !role.fallbackReason);
  const status = !database.reachable ? 'down' : allFine ? 'ok' : 'degraded';
  return { status, dependencies, models, checkedAt: new Date().toISOString() };
}
