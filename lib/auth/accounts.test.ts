import { afterAll, beforeAll, expect, test } from 'vitest';
import { listAuditEvents } from '@/lib/audit';
import type { Services } from '@/lib/services';
import { createTestServices } from '@/tests/helpers/app-services';
import { createAccount, createFirstAdminFromEnvironment, listAccounts, listAccountsWithLockouts, resetPassword, unlockAccount, updateAccount } from './accounts';
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from './lockout';

let services: Services;

beforeAll(async () => {
  services = await createTestServices({}, { startQueue: false });
});
afterAll(() => services.close());

async function signIn(email: string, password: string) {
  return services.auth.api.signInEmail({ body: { email, password }, asResponse: true });
}

test('first admin comes from the environment once', async () => {
  const env = { email: 'first.admin@centre.test', name: 'First Admin', password: 'first-admin-password' };
  expect(await createFirstAdminFromEnvironment(services.auth, services.db, env)).toBe(true);
  expect(await createFirstAdminFromEnvironment(services.auth, services.db, { ...env, email: 'second@centre.test' })).toBe(false);
  const accounts = await listAccounts(services.db);
  expect(accounts.map((account) => [account.email, account.role])).toEqual([['first.admin@centre.test', 'admin']]);
});

test('no environment means no account', async () => {
  expect(await createFirstAdminFromEnvironment(services.auth, services.db, {})).toBe(false);
});

test('passwords are hashed, not stored', async () => {
  await createAccount(services.auth, { email: 'hash.check@centre.test', name: 'Hash Check', password: 'hash-check-password', role: 'advisor' });
  const stored = await services.db.query.accounts.findMany();
  expect(stored.every((account) => account.password && !account.password.includes('hash-check-password'))).toBe(true);
  expect((await signIn('hash.check@centre.test', 'hash-check-password')).status).toBe(200);
  expect((await signIn('hash.check@centre.test', 'not-the-password')).status).toBe(401);
});

test('short passwords are rejected', async () => {
  await expect(createAccount(services.auth, { email: 'short@centre.test', name: 'Short', password: 'short', role: 'advisor' })).rejects.toMatchObject({ code: 'invalid_request' });
});

test('duplicate emails are rejected', async () => {
  await expect(createAccount(services.auth, { email: 'HASH.check@centre.test', name: 'Again', password: 'another-password-1', role: 'advisor' })).rejects.toMatchObject({ code: 'conflict' });
});

test('reset password replaces the old one', async () => {
  const account = await createAccount(services.auth, { email: 'reset@centre.test', name: 'Reset', password: 'old-password-123', role: 'advisor' });
  expect(await resetPassword(services.auth, services.db, services.config, account.id, 'new-password-123')).toEqual({ lockoutLifted: false });
  expect((await signIn('reset@centre.test', 'old-password-123')).status).toBe(401);
  expect((await signIn('reset@centre.test', 'new-password-123')).status).toBe(200);
});

test('reset password lifts a lockout', async () => {
  const account = await createAccount(services.auth, { email: 'locked@centre.test', name: 'Locked', password: 'locked-password-1', role: 'advisor' });
  for (let attempt = 0; attempt < services.config.SIGN_IN_MAX_ATTEMPTS; attempt++) await recordSignInFailure(services.db, services.config, 'locked@centre.test');
  await expect(assertSignInAllowed(services.db, services.config, 'locked@centre.test')).rejects.toMatchObject({ code: 'rate_limited' });

  expect(await resetPassword(services.auth, services.db, services.config, account.id, 'unlocked-password-1')).toEqual({ lockoutLifted: true });
  await expect(assertSignInAllowed(services.db, services.config, 'locked@centre.test')).resolves.toBeUndefined();
});

test('account list shows lockouts until lifted', async () => {
  const account = await createAccount(services.auth, { email: 'unlock@centre.test', name: 'Unlock', password: 'unlock-password-1', role: 'advisor' });
  const lockoutOf = async () => (await listAccountsWithLockouts(services.db, services.config)).find((listed) => listed.id === account.id)!.lockedUntil;
  for (let attempt = 0; attempt < services.config.SIGN_IN_MAX_ATTEMPTS - 1; attempt++) await recordSignInFailure(services.db, services.config, 'unlock@centre.test');
  expect(await lockoutOf()).toBeNull();

  const before = Date.now();
  await recordSignInFailure(services.db, services.config, 'Unlock@Centre.test');
  const lockedUntil = Date.parse((await lockoutOf())!);
  const windowMs = services.config.SIGN_IN_WINDOW_MINUTES * 60 * 1000;
  expect(lockedUntil).toBeGreaterThan(before - 60_000 + windowMs);
  expect(lockedUntil).toBeLessThanOrEqual(Date.now() + windowMs);

  await unlockAccount(services.db, account.id);
  expect(await lockoutOf()).toBeNull();
  await expect(assertSignInAllowed(services.db, services.config, 'unlock@centre.test')).resolves.toBeUndefined();
});

test('lockout is recorded once in the audit log', async () => {
  const account = await createAccount(services.auth, { email: 'audited.lock@centre.test', name: 'Audited Lock', password: 'audited-lock-password-1', role: 'advisor' });
  const lockoutEvents = async () => (await listAuditEvents(services.db, { targetId: account.id, limit: 100, offset: 0 })).filter((event) => event.targetType === 'account-lockout');
  for (let attempt = 0; attempt < services.config.SIGN_IN_MAX_ATTEMPTS - 1; attempt++) await recordSignInFailure(services.db, services.config, 'audited.lock@centre.test');
  expect(await lockoutEvents()).toEqual([]);

  await recordSignInFailure(services.db, services.config, 'Audited.Lock@centre.test');
  await recordSignInFailure(services.db, services.config, 'audited.lock@centre.test');
  const events = await lockoutEvents();
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ actorType: 'system', action: 'update', details: { locked: true, failedSignIns: services.config.SIGN_IN_MAX_ATTEMPTS } });
});

test('lockout of an unknown email is not audited', async () => {
  for (let attempt = 0; attempt < services.config.SIGN_IN_MAX_ATTEMPTS; attempt++) await recordSignInFailure(services.db, services.config, 'nobody.here@centre.test');
  const lockouts = (await listAuditEvents(services.db, { limit: 1000, offset: 0 })).filter((event) => event.targetType === 'account-lockout' && event.targetId === null);
  expect(lockouts).toEqual([]);
});

test('name and email can be corrected', async () => {
  const account = await createAccount(services.auth, { email: 'misspelt@centre.test', name: 'Jon Smiht', password: 'misspelt-password-1', role: 'advisor' });
  const updated = await updateAccount(services.auth, services.db, account.id, { name: '  John Smith ', email: ' John.Smith@Centre.test ' });
  expect(updated.name).toBe('John Smith');
  expect(updated.email).toBe('john.smith@centre.test');
  expect(updated.role).toBe('advisor');
  expect((await signIn('john.smith@centre.test', 'misspelt-password-1')).status).toBe(200);
  expect((await signIn('misspelt@centre.test', 'misspelt-password-1')).status).toBe(401);
});

test('email of another account is rejected', async () => {
  const first = await createAccount(services.auth, { email: 'taken@centre.test', name: 'Taken', password: 'taken-password-12', role: 'advisor' });
  const second = await createAccount(services.auth, { email: 'other@centre.test', name: 'Other', password: 'other-password-12', role: 'advisor' });
  await expect(updateAccount(services.auth, services.db, second.id, { email: 'TAKEN@centre.test' })).rejects.toMatchObject({ code: 'conflict' });
  expect((await updateAccount(services.auth, services.db, first.id, { email: 'Taken@Centre.test' })).email).toBe('taken@centre.test');
  await expect(updateAccount(services.auth, services.db, second.id, { name: '   ' })).rejects.toMatchObject({ code: 'invalid_request' });
  expect((await updateAccount(services.auth, services.db, second.id, {})).name).toBe('Other');
});

test('disabled accounts cannot sign in', async () => {
  const account = await createAccount(services.auth, { email: 'disabled@centre.test', name: 'Disabled', password: 'disabled-password', role: 'advisor' });
  await updateAccount(services.auth, services.db, account.id, { disabled: true });
  expect((await signIn('disabled@centre.test', 'disabled-password')).status).not.toBe(200);
});

test('the last admin stays an admin', async () => {
  const admins = (await listAccounts(services.db)).filter((account) => account.role === 'admin');
  expect(admins).toHaveLength(1);
  await expect(updateAccount(services.auth, services.db, admins[0].id, { role: 'advisor' })).rejects.toMatchObject({ code: 'conflict' });
  await expect(updateAccount(services.auth, services.db, admins[0].id, { disabled: true })).rejects.toMatchObject({ code: 'conflict' });
});

test('failed sign-ins lock one account', async () => {
  for (let attempt = 0; attempt < services.config.SIGN_IN_MAX_ATTEMPTS; attempt++) {
    await assertSignInAllowed(services.db, services.config, 'target@centre.test');
    await recordSignInFailure(services.db, services.config, 'Target@Centre.test');
  }
  await expect(assertSignInAllowed(services.db, services.config, 'target@centre.test')).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
  await expect(assertSignInAllowed(services.db, services.config, 'someone.else@centre.test')).resolves.toBeUndefined();
  await clearSignInFailures(services.db, 'target@centre.test');
  await expect(assertSignInAllowed(services.db, services.config, 'target@centre.test')).resolves.toBeUndefined();
});
