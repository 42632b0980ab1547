import { AppError } from '../errors';
import type { Auth, Role } from './auth';

/** The signed-in advisor or admin making a request. */
export type CurrentUser = { id: string; name: string; email: string; role: Role };

/** Returns the user of a valid session in these request headers, or null. Disabled accounts have none. */
export async function getCurrentUser(auth: Auth, headers: Headers): Promise<CurrentUser | null> {
  const session = await auth.api.getSession({ headers });
  if (!session || session.user.banned) return null;
  const { id, name, email, role } = session.user;
  return { id, name, email, role: role === 'admin' ? 'admin' : 'advisor' };
}

/** Throws unauthenticated without a user, and forbidden when an admin is required and the user is not one. */
export function requireRole(user: CurrentUser | null, needed: 'user' | 'admin'): CurrentUser {
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue.');
  if (needed === 'admin' && user.role !== 'admin') throw new AppError('forbidden', 'Only an admin can do this.');
  return user;
}
