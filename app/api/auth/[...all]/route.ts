import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { assertSignInAllowed, clearSignInFailures, lockoutWarning, recordSignInFailure } from '@/lib/auth/lockout';
import { getCurrentUser } from '@/lib/auth/session';
import { AppError, toErrorBody } from '@/lib/errors';
import { moduleLogger } from '@/lib/log';
import { getServices, type Services } from '@/lib/services';

const log = moduleLogger('auth.route');

/**
 * The better-auth endpoints the app uses, and only those: signing in and out, reading the session
 * and changing one's own password. Account management goes through /api/admin, which is audited.
 */
const allowed = new Set(['POST /api/auth/sign-in/email', 'POST /api/auth/sign-out', 'GET /api/auth/get-session', 'POST /api/auth/change-password']);

const signInBody = z.object({ email: z.string().max(320) }).loose();

/** Returns the id of the account with this email, or null, so that audit rows of failed sign-ins name the account. */
async function accountIdFor(services: Services, email: string): Promise<string | null> {
  const context = await services.auth.$context;
  return (await context.internalAdapter.findUserByEmail(email.trim().toLowerCase()))?.user.id ?? null;
}

/** Signs in through better-auth, with the per-account limit on failures and an audit event either way. */
async function signIn(services: Services, request: Request): Promise<Response> {
  const parsed = signInBody.safeParse(await request.clone().json().catch(() => undefined));
  if (!parsed.success) return services.auth.handler(request);
  const { email } = parsed.data;
  const audit = async (userId: string | null, status: number) => {
    const accountId = userId ?? (await accountIdFor(services, email));
    await recordAudit(services.db, { actorType: userId ? 'user' : 'system', actorId: userId, action: 'sign-in', targetType: 'account', targetId: accountId, details: { succeeded: userId !== null, status } });
  };

  try {
    await assertSignInAllowed(services.db, services.config, email);
  } catch (error) {
    if (error instanceof AppError) {
      log.info({ status: error.status }, 'sign-in rejected: account locked');
      await audit(null, error.status);
    }
    throw error;
  }

  const response = await services.auth.handler(request);
  const userId = response.ok ? (((await response.clone().json()) as { user?: { id?: string } }).user?.id ?? null) : null;
  if (response.ok) await clearSignInFailures(services.db, email);
  else if (response.status === 401) await recordSignInFailure(services.db, services.config, email);
  log.info({ userId, status: response.status }, response.ok ? 'signed in' : 'sign-in rejected');
  await audit(userId, response.status);

  const warning = response.status === 401 ? await lockoutWarning(services.db, services.config, email) : null;
  if (warning) return Response.json(toErrorBody(new AppError('unauthenticated', warning)), { status: 401 });
  return response;
}

/** Changes the signed-in user's own password through better-auth, and records it in the audit log. */
async function changePassword(services: Services, request: Request): Promise<Response> {
  const response = await services.auth.handler(request);
  if (response.ok) {
    const userId = ((await response.clone().json()) as { user?: { id?: string } }).user?.id ?? null;
    log.info({ userId }, 'password changed');
    await recordAudit(services.db, { actorType: 'user', actorId: userId, action: 'update', targetType: 'account-password', targetId: userId });
  }
  return response;
}

/** Signs out through better-auth, and records who signed out. */
async function signOut(services: Services, request: Request): Promise<Response> {
  const user = await getCurrentUser(services.auth, request.headers);
  const response = await services.auth.handler(request);
  if (response.ok && user) await recordAudit(services.db, { actorType: 'user', actorId: user.id, action: 'sign-out', targetType: 'session', targetId: null });
  return response;
}

async function handle(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (!allowed.has(`${request.method} ${path}`)) {
    return Response.json(toErrorBody(new AppError('not_found', `${request.method} ${path} is not an endpoint of this app.`)), { status: 404 });
  }
  try {
    const services = await getServices();
    if (path === '/api/auth/sign-in/email') return await signIn(services, request);
    if (path === '/api/auth/change-password') return await changePassword(services, request);
    if (path === '/api/auth/sign-out') return await signOut(services, request);
    return await services.auth.handler(request);
  } catch (error) {
    if (error instanceof AppError) return Response.json(toErrorBody(error), { status: error.status });
    log.error({ path, err: error }, 'auth request failed');
    return Response.json(toErrorBody(new AppError('internal', 'Signing in failed on the server. Try again; if it keeps failing, tell your admin.')), { status: 500 });
  }
}

export const GET = handle;
export const POST = handle;
