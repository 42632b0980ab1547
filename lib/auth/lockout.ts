import crypto from 'node:crypto';
import { and, count, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { recordAudit } from '../audit';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { signInFailures, users } from '../db/schema';
import { AppError } from '../errors';

function accountKey(email: string): string {
  return crypto.createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

function windowStart(config: Config): Date {
  return new Date(Date.now() - config.SIGN_IN_WINDOW_MINUTES * 60 * 1000);
}

/** Counts an account's failed sign-ins within the window. */
async function recentFailures(db: Db, config: Config, email: string): Promise<number> {
  const [row] = await db
    .select({ failures: count() })
    .from(signInFailures)
    .where(and(eq(signInFailures.accountKey, accountKey(email)), gte(signInFailures.at, windowStart(config))));
  return row.failures;
}

/** Returns whether the account with this email is locked out now: it had SIGN_IN_MAX_ATTEMPTS failed sign-ins within the window. */
export async function isLockedOut(db: Db, config: Config, email: string): Promise<boolean> {
  return (await recentFailures(db, config, email)) >= config.SIGN_IN_MAX_ATTEMPTS;
}

/** Throws rate_limited when the account with this email is locked out. */
export async function assertSignInAllowed(db: Db, config: Config, email: string): Promise<void> {
  if (await isLockedOut(db, config, email)) {
    throw new AppError('rate_limited', `Too many failed sign-ins for this account. Wait ${config.SIGN_IN_WINDOW_MINUTES} minutes and try again, or ask an admin to unlock it.`);
  }
}

/**
 * Records a failed sign-in, and drops failures older than the window. The failure that locks an
 * existing account also goes in the audit log, so the log shows when the lockout began.
 */
export async function recordSignInFailure(db: Db, config: Config, email: string): Promise<void> {
  await db.insert(signInFailures).values({ accountKey: accountKey(email) });
  await db.delete(signInFailures).where(lt(signInFailures.at, windowStart(config)));

  // NOTE: when two failures for one email arrive together, both can count past the limit and the
  // lockout goes unrecorded. The lockout itself still holds.
  if ((await recentFailures(db, config, email)) === config.SIGN_IN_MAX_ATTEMPTS) await recordLockout(db, config, email);
}

/** Records the lockout of the account with this email. Emails with no account have nothing to lock, so they get no event. */
async function recordLockout(db: Db, config: Config, email: string): Promise<void> {
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!account) return;
  await recordAudit(db, {
    actorType: 'system',
    actorId: null,
    action: 'update',
    targetType: 'account-lockout',
    targetId: account.id,
    details: { locked: true, failedSignIns: config.SIGN_IN_MAX_ATTEMPTS },
  });
}

/**
 * Returns the message for a wrong password when the account is close to its lockout or has just
 * reached it, so the person is warned before the last attempts. Returns null while many attempts
 * remain. Failures are counted per email whether or not an account has it, so the message reveals
 * nothing about which emails exist.
 */
export async function lockoutWarning(db: Db, config: Config, email: string): Promise<string | null> {
  const left = config.SIGN_IN_MAX_ATTEMPTS - (await recentFailures(db, config, email));
  const wrong = 'The email address or password is wrong.';
  if (left <= 0) {
    return `${wrong} After ${config.SIGN_IN_MAX_ATTEMPTS} failed attempts this account is now locked for ${config.SIGN_IN_WINDOW_MINUTES} minutes. An admin can unlock it sooner.`;
  }
  if (left > 2) return null;
  return `${wrong} ${left === 1 ? 'One more failed attempt locks' : `${left} more failed attempts lock`} this account for ${config.SIGN_IN_WINDOW_MINUTES} minutes.`;
}

/** Forgets an account's failures after a successful sign-in. */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.accountKey, accountKey(email)));
}

/**
 * Returns, for each of the given emails that is locked out now, when its lockout ends: the moment the
 * oldest of its latest SIGN_IN_MAX_ATTEMPTS failures leaves the window.
 */
export async function lockedUntil(db: Db, config: Config, emails: string[]): Promise<Map<string, Date>> {
  const locked = new Map<string, Date>();
  if (emails.length === 0) return locked;
  const emailByKey = new Map(emails.map((email) => [accountKey(email), email]));
  const rows = await db
    .select({ accountKey: signInFailures.accountKey, at: signInFailures.at })
    .from(signInFailures)
    .where(and(inArray(signInFailures.accountKey, [...emailByKey.keys()]), gte(signInFailures.at, windowStart(config))))
    .orderBy(desc(signInFailures.at));
  const failuresByKey = new Map<string, Date[]>();
  for (const row of rows) failuresByKey.set(row.accountKey, [...(failuresByKey.get(row.accountKey) ?? []), row.at]);
  for (const [key, failures] of failuresByKey) {
    if (failures.length < config.SIGN_IN_MAX_ATTEMPTS) continue;
    const oldestCounted = failures[config.SIGN_IN_MAX_ATTEMPTS - 1];
    locked.set(emailByKey.get(key)!, new Date(oldestCounted.getTime() + config.SIGN_IN_WINDOW_MINUTES * 60 * 1000));
  }
  return locked;
}
