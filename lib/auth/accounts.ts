import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { recordAudit } from '../audit';
import { moduleLogger } from '../log';
import { MIN_PASSWORD_LENGTH, type Auth, type Role } from './auth';
import type { Config } from '../config';
import { clearSignInFailures, isLockedOut, lockedUntil } from './lockout';

const log = moduleLogger('auth.accounts');

export type Account = { id: string; name: string; email: string; role: Role; disabled: boolean; createdAt: string };

function toAccount(row: typeof users.$inferSelect): Account {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role === 'admin' ? 'admin' : 'advisor',
    disabled: row.banned === true,
    createdAt: row.createdAt.toISOString(),
  };
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('invalid_request', `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
  }
}

export async function countAccounts(db: Db): Promise<number> {
  const [row] = await db.select({ total: count() }).from(users);
  return row.total;
}

export async function listAccounts(db: Db): Promise<Account[]> {
  return (await db.select().from(users).orderBy(asc(users.name))).map(toAccount);
}

/** An account as the Users screen shows it: with the end of its sign-in lockout, when it is locked out. */
export type AccountWithLockout = Account & { lockedUntil: string | null };

export async function listAccountsWithLockouts(db: Db, config: Config): Promise<AccountWithLockout[]> {
  const accounts = await listAccounts(db);
  const locks = await lockedUntil(db, config, accounts.map((account) => account.email));
  return accounts.map((account) => ({ ...account, lockedUntil: locks.get(account.email)?.toISOString() ?? null }));
}

/** Lifts an account's sign-in lockout before it runs out, for an admin who has checked that the failures were the owner's. */
export async function unlockAccount(db: Db, userId: string): Promise<void> {
  const account = await getAccount(db, userId);
  await clearSignInFailures(db, account.email);
  log.info({ userId }, 'sign-in lockout lifted');
}

export async function getAccount(db: Db, id: string): Promise<Account> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new AppError('not_found', `Account ${id} was not found.`);
  return toAccount(row);
}

/** Creates an advisor or admin account with a password, hashed by better-auth (scrypt). */
export async function createAccount(auth: Auth, input: { email: string; name: string; password: string; role: Role }): Promise<Account> {
  checkPassword(input.password);
  const context = await auth.$context;
  const email = input.email.trim().toLowerCase();
  if (await context.internalAdapter.findUserByEmail(email)) {
    throw new AppError('conflict', `An account with the email ${email} already exists.`);
  }
  const hash = await context.password.hash(input.password);
  const user = await context.internalAdapter.createUser({ email, name: input.name.trim(), emailVerified: true, role: input.role }, { method: 'email-password' });
  await context.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: hash });
  log.info({ userId: user.id, role: input.role }, 'account created');
  return { id: user.id, name: user.name, email: user.email, role: input.role, disabled: false, createdAt: new Date(user.createdAt).toISOString() };
}

/**
 * Sets a new password and signs the account out everywhere, so an old session cannot outlive a
 * reset. It also clears the account's failed sign-ins, because the lockout message directs a
 * locked-out advisor to ask an admin for a reset. Returns whether that lifted a lockout.
 */
export async function resetPassword(auth: Auth, db: Db, config: Config, userId: string, password: string): Promise<{ lockoutLifted: boolean }> {
  checkPassword(password);
  const context = await auth.$context;
  const user = await context.internalAdapter.findUserById(userId);
  if (!user) throw new AppError('not_found', `Account ${userId} was not found.`);
  await context.internalAdapter.updatePassword(userId, await context.password.hash(password));
  await context.internalAdapter.deleteUserSessions(userId);
  const lockoutLifted = await isLockedOut(db, config, user.email);
  await clearSignInFailures(db, user.email);
  log.info({ userId, lockoutLifted }, 'password reset');
  return { lockoutLifted };
}

/** A change an admin makes to an account on the Users screen. Fields left out stay as they are. */
export type AccountChange = { role?: Role; disabled?: boolean; name?: string; email?: string };

/**
 * Changes an account's role, name or email, or disables it. A disabled account is signed out and
 * cannot sign in. The last enabled admin cannot be demoted or disabled, so the centre never locks
 * itself out. A new email must not belong to another account, and the owner signs in with it from
 * then on.
 */
export async function updateAccount(auth: Auth, db: Db, userId: string, change: AccountChange): Promise<Account> {
  const current = await getAccount(db, userId);
  const losesAdmin = current.role === 'admin' && !current.disabled && (change.role === 'advisor' || change.disabled === true);
  if (losesAdmin) {
    const admins = (await listAccounts(db)).filter((account) => account.role === 'admin' && !account.disabled);
    if (admins.length <= 1) throw new AppError('conflict', 'This is the last admin account. Make another account an admin first.');
  }

  const context = await auth.$context;
  const name = change.name?.trim();
  if (name === '') throw new AppError('invalid_request', 'The name is empty. Enter the person’s name.');
  const email = change.email?.trim().toLowerCase();
  if (email !== undefined && email !== current.email) {
    const owner = await context.internalAdapter.findUserByEmail(email);
    if (owner && owner.user.id !== userId) throw new AppError('conflict', `Another account already has the email ${email}. Choose a different email address.`);
  }

  await context.internalAdapter.updateUser(userId, {
    ...(change.role ? { role: change.role } : {}),
    ...(name === undefined ? {} : { name }),
    ...(email === undefined ? {} : { email }),
    ...(change.disabled === undefined ? {} : { banned: change.disabled, banReason: change.disabled ? 'disabled by an admin' : null }),
  });
  if (change.disabled) await context.internalAdapter.deleteUserSessions(userId);
  log.info({ userId, role: change.role, disabled: change.disabled, nameChanged: name !== undefined, emailChanged: email !== undefined }, 'account updated');
  return getAccount(db, userId);
}

/**
 * Creates the first admin from ADMIN_EMAIL, ADMIN_NAME and ADMIN_PASSWORD when no account exists yet.
 * Returns whether it created one; later starts leave accounts alone.
 */
export async function createFirstAdminFromEnvironment(auth: Auth, db: Db, env: { email?: string; name?: string; password?: string }): Promise<boolean> {
  if (!env.email || !env.password) return false;
  if ((await countAccounts(db)) > 0) {
    log.warn('ADMIN_EMAIL and ADMIN_PASSWORD are set but accounts exist already, so they were ignored. Remove them from the environment, and change passwords on the Users screen.');
    return false;
  }
  const account = await createAccount(auth, { email: env.email, name: env.name ?? 'Administrator', password: env.password, role: 'admin' });
  await recordAudit(db, { actorType: 'system', actorId: null, action: 'create', targetType: 'account', targetId: account.id, details: { role: 'admin', source: 'environment' } });
  log.info('first admin created from the environment');
  return true;
}
