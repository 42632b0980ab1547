import { and, eq } from 'drizzle-orm';
import type { CurrentUser } from './auth/session';
import type { Db } from './db/client';
import { clientAdvisors, clients } from './db/schema';
import type { DocumentRecord } from './db/queries/documents';
import { AppError } from './errors';
import { getSetting } from './settings';

/**
 * Which clients a user may see: admins see every client, and so does every advisor when the centre's
 * setting allows it; otherwise an advisor sees only the clients assigned to them.
 */
export async function visibleClientIds(db: Db, user: CurrentUser): Promise<'all' | string[]> {
  if (user.role === 'admin' || (await getSetting(db, 'advisorsSeeAllClients'))) return 'all';
  const rows = await db.select({ clientId: clientAdvisors.clientId }).from(clientAdvisors).where(eq(clientAdvisors.userId, user.id));
  return rows.map((row) => row.clientId);
}

/** Throws not_found for a client that does not exist and forbidden for one the user may not see. */
export async function assertClientAccess(db: Db, user: CurrentUser, clientId: string): Promise<void> {
  const [client] = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId));
  if (!client) throw new AppError('not_found', `Client ${clientId} was not found. It may have been deleted.`);
  const visible = await visibleClientIds(db, user);
  if (visible !== 'all' && !visible.includes(clientId)) {
    throw new AppError('forbidden', 'You are not assigned to this client. Ask an admin to assign you.');
  }
}

/**
 * Checks access to a document: a client document follows its client; knowledge-base documents are
 * read by every user and changed by admins only.
 */
export async function assertDocumentAccess(db: Db, user: CurrentUser, document: Pick<DocumentRecord, 'scope' | 'clientId'>, intent: 'read' | 'change'): Promise<void> {
  if (document.scope === 'knowledge') {
    if (intent === 'change' && user.role !== 'admin') throw new AppError('forbidden', 'Only an admin can change the knowledge base.');
    return;
  }
  await assertClientAccess(db, user, document.clientId!);
}

/** Whether the user may erase a client they can open, and when not, who can. */
export type ErasureRight = { allowed: true } | { allowed: false; reason: string };

/**
 * Returns whether the user may erase a client they can open. An admin always may. An advisor assigned
 * to the client may, unless the centre's setting leaves erasure to admins. Seeing every client under
 * the centre's other setting does not extend to erasing them.
 */
export async function erasureRight(db: Db, user: CurrentUser, clientId: string): Promise<ErasureRight> {
  if (user.role === 'admin') return { allowed: true };
  if (!(await getSetting(db, 'advisorsEraseClients'))) return { allowed: false, reason: 'At this centre only admins erase clients. Ask an admin to erase this client.' };
  if ((await listClientAdvisorIds(db, clientId)).includes(user.id)) return { allowed: true };
  return { allowed: false, reason: 'Only an admin or an advisor assigned to this client can erase it. Ask an admin.' };
}

/** Throws forbidden unless the user may erase the client (see erasureRight). */
export async function assertCanEraseClient(db: Db, user: CurrentUser, clientId: string): Promise<void> {
  await assertClientAccess(db, user, clientId);
  const right = await erasureRight(db, user, clientId);
  if (!right.allowed) throw new AppError('forbidden', right.reason);
}

export async function assignAdvisor(db: Db, clientId: string, userId: string): Promise<void> {
  await db.insert(clientAdvisors).values({ clientId, userId }).onConflictDoNothing();
}

export async function unassignAdvisor(db: Db, clientId: string, userId: string): Promise<void> {
  await db.delete(clientAdvisors).where(and(eq(clientAdvisors.clientId, clientId), eq(clientAdvisors.userId, userId)));
}

export async function listClientAdvisorIds(db: Db, clientId: string): Promise<string[]> {
  const rows = await db.select({ userId: clientAdvisors.userId }).from(clientAdvisors).where(eq(clientAdvisors.clientId, clientId));
  return rows.map((row) => row.userId);
}
