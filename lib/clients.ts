import { createClient, deleteClientById, getClientById, listClients, type ClientSummary } from './db/queries/clients';
import { deleteOrphanCreditors } from './db/queries/creditors';
import { listDocuments } from './db/queries/documents';
import { listResolvedDebts } from './db/queries/resolved-debts';
import { assignAdvisor, visibleClientIds } from './access';
import type { CurrentUser } from './auth/session';
import { AppError } from './errors';
import { moduleLogger } from './log';
import type { Services } from './services';

const log = moduleLogger('clients');

export type ClientView = Omit<ClientSummary, 'createdAt'> & { createdAt: string };

function toClientView(client: ClientSummary): ClientView {
  return { ...client, createdAt: client.createdAt.toISOString() };
}

/** Lists the clients this user may see. */
export async function listClientViews(services: Services, user: CurrentUser): Promise<ClientView[]> {
  const visible = await visibleClientIds(services.db, user);
  const all = await listClients(services.db);
  return all.filter((client) => visible === 'all' || visible.includes(client.id)).map(toClientView);
}

export async function getClientOrThrow(services: Services, clientId: string): Promise<ClientView> {
  const client = await getClientById(services.db, { id: clientId });
  if (!client) throw new AppError('not_found', `Client ${clientId} was not found. It may have been deleted.`);
  return toClientView(client);
}

/** Creates a client; the advisor who creates it is assigned to it. */
export async function addClient(services: Services, { name }: { name: string }, creator?: CurrentUser): Promise<ClientView> {
  const client = await createClient(services.db, { name });
  if (creator) await assignAdvisor(services.db, client.id, creator.id);
  // The graph mirrors the records: a graph store that is down must not stop an advisor opening a case,
  // and the client's node is written again with its first document.
  await services.graph.upsertClient({ id: client.id, name: client.name }).catch((error) => log.error({ clientId: client.id, store: services.graph.kind, err: { name: (error as Error).name } }, 'graph client node not written'));
  log.info({ clientId: client.id, userId: creator?.id }, 'client created');
  return toClientView({ ...client, documentCount: 0, readyCount: 0, failedCount: 0 });
}

/**
 * Erases a client everywhere: the vector collection, the graph, every stored file, and the records.
 * Documents, pages, chunks, debts, resolved debts, merge proposals and letters go by cascade, and
 * then the creditors no other client owes are deleted. Vectors and graph go first, so a store
 * that cannot be reached stops the erasure before the records that locate the data are gone.
 */
export async function eraseClient(services: Services, clientId: string): Promise<{ documents: number; debts: number }> {
  await getClientOrThrow(services, clientId);
  const documents = await listDocuments(services.db, { clientId });
  const debts = (await listResolvedDebts(services.db, { clientId })).length;
  for (const document of documents) services.queue.cancel(document.id);

  await services.vectors.deleteCollection({ scope: 'client', clientId });
  await services.graph.removeClient(clientId);
  for (const document of documents) await services.files.remove(document.id);
  await deleteClientById(services.db, { id: clientId });
  await deleteOrphanCreditors(services.db);
  await services.database.purgeDeletedRows();
  log.info({ clientId, documents: documents.length }, 'client erased');
  return { documents: documents.length, debts };
}

/** Reasons for erasing a client that the audit log records. */
export const erasureReasons = ['client-request', 'retention-ended', 'created-by-mistake', 'other'] as const;
export type ErasureReason = (typeof erasureReasons)[number];
