import { and, desc, eq, gte, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from './db/client';
import { toCsv } from './csv';
import { auditEvents, clients, documents, users } from './db/schema';
import { moduleLogger } from './log';

const log = moduleLogger('audit');

export const auditActions = ['view', 'upload', 'download', 'export', 'delete', 'create', 'update', 'ask', 'sign-in', 'sign-out', 'refused'] as const;
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

/**
 * Minutes in which further views of one target by one actor are not recorded again. Screens poll
 * while documents are processed, so recording every read would bury the log's other events.
 */
export const VIEW_REPEAT_MINUTES = 5;

/** Returns whether the actor's view of the target is already in the log within VIEW_REPEAT_MINUTES. */
async function viewedRecently(db: Db, event: AuditEvent): Promise<boolean> {
  if (event.action !== 'view' || event.actorId === null) return false;
  const since = new Date(Date.now() - VIEW_REPEAT_MINUTES * 60 * 1000);
  const [row] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorId, event.actorId),
        eq(auditEvents.targetType, event.targetType),
        event.targetId === null ? isNull(auditEvents.targetId) : eq(auditEvents.targetId, event.targetId),
        eq(auditEvents.action, 'view'),
        gte(auditEvents.at, since),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Records one audit event, except a view that repeats a recent one (see VIEW_REPEAT_MINUTES). A
 * failure to record is logged and raised, so the request fails rather than go unrecorded.
 */
export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  try {
    if (await viewedRecently(db, event)) return;
    await db.insert(auditEvents).values({ ...event, clientId: event.clientId ?? null, requestId: event.requestId ?? null, details: event.details ?? {} });
  } catch (error) {
    log.error({ action: event.action, targetType: event.targetType, targetId: event.targetId, err: { name: (error as Error).name } }, 'recording an audit event failed');
    throw error;
  }
}

/** Filters of the audit log. `actorId` matches events by that account and events about it, such as failed sign-ins. */
export type AuditQuery = { actorId?: string; action?: AuditAction; clientId?: string; targetId?: string; from?: Date; to?: Date; limit: number; offset: number };

/** Lists audit events newest first, with the names of the acting account and of the client. */
export async function listAuditEvents(db: Db, query: AuditQuery) {
  const conditions: SQL[] = [];
  if (query.actorId) conditions.push(or(eq(auditEvents.actorId, query.actorId), and(like(auditEvents.targetType, 'account%'), eq(auditEvents.targetId, query.actorId)))!);
  if (query.action) conditions.push(eq(auditEvents.action, query.action));
  if (query.clientId) conditions.push(eq(auditEvents.clientId, query.clientId));
  if (query.targetId) conditions.push(eq(auditEvents.targetId, query.targetId));
  if (query.from) conditions.push(gte(auditEvents.at, query.from));
  if (query.to) conditions.push(lte(auditEvents.at, query.to));
  const targetUser = alias(users, 'target_user');
  const rows = await db
    .select({ event: auditEvents, actorName: users.name, clientName: clients.name, targetAccountName: targetUser.name, targetDocumentName: documents.filename })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(clients, eq(clients.id, auditEvents.clientId))
    .leftJoin(targetUser, and(like(auditEvents.targetType, 'account%'), eq(targetUser.id, auditEvents.targetId)))
    .leftJoin(documents, and(like(auditEvents.targetType, 'document%'), sql`${documents.id}::text = ${auditEvents.targetId}`))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.at))
    .limit(query.limit)
    .offset(query.offset);
  return rows.map((row) => ({
    ...row.event,
    at: row.event.at.toISOString(),
    actorName: row.actorName,
    clientName: row.clientName,
    /** The account's name or the document's file name, while the target still exists. */
    targetName: row.targetAccountName ?? row.targetDocumentName,
  }));
}

export type AuditEventRow = Awaited<ReturnType<typeof listAuditEvents>>[number];

/** Maximum events in one CSV export, an estimate of what a spreadsheet opens comfortably. Narrow the dates for more. */
export const AUDIT_EXPORT_MAX_EVENTS = 100_000;

const CSV_COLUMNS = ['time_utc', 'actor_type', 'actor_id', 'actor_name', 'action', 'target_type', 'target_id', 'target_name', 'client_id', 'client_name', 'request_id', 'details'] as const;

/** Writes audit events as CSV, one row per event, with the details as JSON. */
export function auditEventsToCsv(events: AuditEventRow[]): string {
  const rows = events.map((event) => [
    event.at,
    event.actorType,
    event.actorId ?? '',
    event.actorName ?? '',
    event.action,
    event.targetType,
    event.targetId ?? '',
    event.targetName ?? '',
    event.clientId ?? '',
    event.clientName ?? '',
    event.requestId ?? '',
    JSON.stringify(event.details ?? {}),
  ]);
  return toCsv([[...CSV_COLUMNS], ...rows]);
}
