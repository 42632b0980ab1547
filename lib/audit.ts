import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Db } from './db/client';
import { auditEvents, clients, users } from './db/schema';
import { moduleLogger } from './log';

const log = moduleLogger('audit');

export const auditActions = ['view', 'upload', 'download', 'export', 'delete', 'create', 'update', 'ask', 'sign-in'] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditEvent = {
  actorType: 'user' | 'upload-link' | 'system';
  actorId: string | null;
  action: AuditAction;
  targetType: string;
  targetId: string | null;
  clientId?: string | null;
  requestId?: string | null;
  /** Ids, counts and codes only: never document text, names or amounts. */
  details?: Record<string, string | number | boolean | null>;
};

/** Records one audit event. A failure to record is logged and raised, so the request fails rather than go unrecorded. */
export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  try {
    await db.insert(auditEvents).values({ ...event, clientId: event.clientId ?? null, requestId: event.requestId ?? null, details: event.details ?? {} });
  } catch (error) {
    log.error({ action: event.action, targetType: event.targetType, targetId: event.targetId, err: { name: (error as Error).name } }, 'recording an audit event failed');
    throw error;
  }
}

export type AuditQuery = { actorId?: string; action?: AuditAction; clientId?: string; targetId?: string; from?: Date; to?: Date; limit: number; offset: number };

/** Lists audit events newest first, with the names of the acting account and of the client. */
export async function listAuditEvents(db: Db, query: AuditQuery) {
  const conditions: SQL[] = [];
  if (query.actorId) conditions.push(eq(auditEvents.actorId, query.actorId));
  if (query.action) conditions.push(eq(auditEvents.action, query.action));
  if (query.clientId) conditions.push(eq(auditEvents.clientId, query.clientId));
  if (query.targetId) conditions.push(eq(auditEvents.targetId, query.targetId));
  if (query.from) conditions.push(gte(auditEvents.at, query.from));
  if (query.to) conditions.push(lte(auditEvents.at, query.to));
  const rows = await db
    .select({ event: auditEvents, actorName: users.name, clientName: clients.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(clients, eq(clients.id, auditEvents.clientId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.at))
    .limit(query.limit)
    .offset(query.offset);
  return rows.map((row) => ({ ...row.event, at: row.event.at.toISOString(), actorName: row.actorName, clientName: row.clientName }));
}
