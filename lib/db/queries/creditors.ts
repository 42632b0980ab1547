import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { normaliseOrganisationName, preferredOrganisationName } from '../../entities/creditors';
import type { Db } from '../client';
import { creditorAliases, creditors, debts, resolvedDebts } from '../schema';

export type CreditorRecord = typeof creditors.$inferSelect;

/** Shortest key that may stand for a longer name: a shorter one ("nb") would join unrelated creditors. */
const MIN_SHORT_FORM_LENGTH = 4;

/**
 * Finds the creditor a printed name refers to, creating it when it is new, and records the name as an
 * alias. A name resolves by its normalised key, then by a learned alias (this client's or everyone's),
 * then by a short or long form of exactly one creditor this client already owes. So "Northmere" and
 * "Northmere Bank plc" in one client's letters are one creditor. `known` holds the client's creditors
 * and gains the one returned. `others`, when given, is tried last the same way: a name an advisor
 * typed may be the short form of a creditor only another client's letters name so far.
 */
export async function resolveCreditor(
  db: Db,
  { name, clientId, known, others }: { name: string | null; clientId: string; known: Map<string, string>; others?: Map<string, string> },
): Promise<string | null> {
  const printed = name?.trim();
  if (!printed) return null;
  const key = normaliseOrganisationName(printed);
  if (!key) return null;

  const id =
    (await creditorByKey(db, key)) ??
    (await creditorByAlias(db, key, clientId)) ??
    (await creditorByForm(db, key, clientId, known)) ??
    (others ? await creditorByForm(db, key, clientId, others) : undefined) ??
    (await createCreditor(db, key, printed));
  await addPrintedName(db, id, printed);
  known.set(id, (await db.select({ key: creditors.key }).from(creditors).where(eq(creditors.id, id)))[0].key);
  return id;
}

async function creditorByKey(db: Db, key: string): Promise<string | undefined> {
  const [row] = await db.select({ id: creditors.id }).from(creditors).where(eq(creditors.key, key));
  return row?.id;
}

async function creditorByAlias(db: Db, key: string, clientId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: creditorAliases.creditorId })
    .from(creditorAliases)
    .where(and(eq(creditorAliases.aliasKey, key), or(eq(creditorAliases.clientId, clientId), isNull(creditorAliases.clientId))))
    .orderBy(sql`${creditorAliases.clientId} nulls last`)
    .limit(1);
  return row?.id;
}

/**
 * Matches a key that is a word-prefix of exactly one known creditor's key, or extends exactly one,
 * and learns it as an alias. A short form stays with this client; a long form is more specific than
 * the creditor's own key, so it applies to every client.
 */
async function creditorByForm(db: Db, key: string, clientId: string, known: Map<string, string>): Promise<string | undefined> {
  const matches = [...known].filter(([, knownKey]) => {
    const [shorter, longer] = key.length < knownKey.length ? [key, knownKey] : [knownKey, key];
    return shorter.length >= MIN_SHORT_FORM_LENGTH && longer.startsWith(`${shorter} `);
  });
  if (matches.length !== 1) return undefined;

  const [creditorId, knownKey] = matches[0];
  const isShortForm = key.length < knownKey.length;
  await db.insert(creditorAliases).values({ aliasKey: key, creditorId, clientId: isShortForm ? clientId : null, source: isShortForm ? 'short-form' : 'long-form' });
  return creditorId;
}

async function createCreditor(db: Db, key: string, printed: string): Promise<string> {
  await db.insert(creditors).values({ key, name: preferredOrganisationName([printed]), aliases: [] }).onConflictDoNothing({ target: creditors.key });
  return (await creditorByKey(db, key))!;
}

/** Adds a printed form to the creditor's aliases and keeps its best form as its name. */
async function addPrintedName(db: Db, creditorId: string, printed: string): Promise<void> {
  const [row] = await db.select({ aliases: creditors.aliases }).from(creditors).where(eq(creditors.id, creditorId));
  if (row.aliases.includes(printed)) return;
  const aliases = [...row.aliases, printed];
  await db.update(creditors).set({ aliases, name: preferredOrganisationName(aliases) }).where(eq(creditors.id, creditorId));
}

/** Lists every creditor, as id → key, for matching a name an advisor typed. */
export async function allCreditorKeys(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ id: creditors.id, key: creditors.key }).from(creditors);
  return new Map(rows.map((row) => [row.id, row.key]));
}

/** Lists the creditors one client's letters name, as id → key, for matching short and long forms. */
export async function clientCreditorKeys(db: Db, clientId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectDistinct({ id: creditors.id, key: creditors.key })
    .from(creditors)
    .innerJoin(debts, or(eq(debts.creditorId, creditors.id), eq(debts.originalCreditorId, creditors.id), eq(debts.collectingAgentId, creditors.id)))
    .where(eq(debts.clientId, clientId));
  return new Map(rows.map((row) => [row.id, row.key]));
}

export async function getCreditorsByIds(db: Db, ids: string[]): Promise<Map<string, CreditorRecord>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select().from(creditors).where(inArray(creditors.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Deletes creditors that no letter and no debt refers to any more, with their aliases, after a
 * document or a client is removed. A creditor an advisor chose in a correction counts as referred to.
 */
export async function deleteOrphanCreditors(db: Db): Promise<number> {
  const deleted = await db.execute(sql`
    delete from ${creditors} c
    where not exists (select 1 from ${debts} d where d.creditor_id = c.id or d.original_creditor_id = c.id or d.collecting_agent_id = c.id)
      and not exists (
        select 1 from ${resolvedDebts} r
        where r.creditor_id = c.id or r.original_creditor_id = c.id or r.collecting_agent_id = c.id
          or r.corrections->>'creditorId' = c.id::text or r.corrections->>'originalCreditorId' = c.id::text
          or r.corrections->>'collectingAgentId' = c.id::text
      )
    returning c.id`);
  return (deleted as unknown as { rows?: unknown[] }).rows?.length ?? 0;
}
