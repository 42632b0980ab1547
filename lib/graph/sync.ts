import type { Db } from '../db/client';
import { getClientById } from '../db/queries/clients';
import { getCreditorsByIds } from '../db/queries/creditors';
import { listDocuments } from '../db/queries/documents';
import { listDebtViews } from '../entities/debt-views';
import { moduleLogger } from '../log';
import { buildClientGraph } from './build';
import type { GraphStore } from './types';

const log = moduleLogger('graph.sync');

/**
 * Writes a client's graph from the records database, which is the source of truth: the graph store
 * mirrors the resolved debts, their creditors, documents, deadlines and claims. Each call replaces the
 * whole client subgraph, so a sync that failed earlier is made good by the next one.
 */
export async function syncClientGraph(deps: { db: Db; graph: GraphStore }, clientId: string): Promise<void> {
  await oneAtATime(clientId, () => writeClientGraph(deps, clientId));
}

// Two documents of one client finish close together: each sync reads the records and then writes the
// graph, so one that read earlier must not write last. Syncs of a client run one after another here.
// NOTE: this orders syncs within one process only. Worker processes on a shared queue can still
// interleave, and then the client's next sync corrects the graph.
const running = new Map<string, Promise<void>>();

async function oneAtATime(clientId: string, work: () => Promise<void>): Promise<void> {
  const previous = running.get(clientId) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(work);
  running.set(clientId, current);
  try {
    await current;
  } finally {
    if (running.get(clientId) === current) running.delete(clientId);
  }
}

async function writeClientGraph(deps: { db: Db; graph: GraphStore }, clientId: string): Promise<void> {
  const client = await getClientById(deps.db, { id: clientId });
  if (!client) return;
  const [documents, { debts }] = await Promise.all([listDocuments(deps.db, { clientId }), listDebtViews(deps.db, { clientId })]);
  const creditors = await getCreditorsByIds(deps.db, debts.flatMap((debt) => [debt.creditorId, debt.originalCreditorId, debt.collectingAgentId]).filter((id): id is string => id !== null));

  const graph = buildClientGraph({ client, documents, debts, creditors });
  await deps.graph.replaceClientGraph(graph);
  log.debug({ clientId, nodes: graph.nodes.length, links: graph.links.length, store: deps.graph.kind }, 'client graph written');
}

/**
 * Syncs a client's graph after a change the records already hold (a correction, a merge, a deleted
 * document). A failure is logged, not raised: the change is saved, and the next sync writes the
 * whole client graph again. Returns whether the graph is up to date.
 */
export async function syncClientGraphAfterChange(deps: { db: Db; graph: GraphStore }, clientId: string): Promise<boolean> {
  try {
    await syncClientGraph(deps, clientId);
    return true;
  } catch (error) {
    log.error({ clientId, store: deps.graph.kind, err: { name: (error as Error).name, code: (error as { code?: string }).code } }, 'graph update after a change failed');
    return false;
  }
}
