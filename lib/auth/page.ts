import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getServices } from '../services';
import { getCurrentUser, type CurrentUser } from './session';

/** Returns a path on this site to return to after signing in; anything else becomes /clients. */
export function safeNextPath(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/clients';
}

/**
 * Checks the session of a page request on the server. Without one it redirects to the sign-in page,
 * which returns to `next` afterwards; a page that needs an admin redirects other users to /forbidden.
 */
export async function requirePageUser(options: { next: string; role?: 'admin' }): Promise<CurrentUser> {
  // headers() first: it marks the page dynamic, so `next build` never opens the services to prerender it.
  const requestHeaders = await headers();
  const user = await getCurrentUser((await getServices()).auth, requestHeaders);
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(safeNextPath(options.next))}`);
  if (options.role === 'admin' && user.role !== 'admin') redirect('/forbidden');
  return user;
}

/** Returns the signed-in user of a page request, or null; for pages that are public. */
export async function getPageUser(): Promise<CurrentUser | null> {
  const requestHeaders = await headers();
  return getCurrentUser((await getServices()).auth, requestHeaders);
}
