/** Browser-side handling of the sign-in session: where to send a user whose session has ended. */

let redirecting = false;

/** Returns the sign-in page's address, which brings the user back to `next` after signing in. */
export function signInPath(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

/**
 * Sends the browser to the sign-in page, returning to the current page afterwards. Several requests
 * can fail with 401 at once, so only the first one navigates.
 */
export function redirectToSignIn(): void {
  if (redirecting || typeof window === 'undefined') return;
  redirecting = true;
  const { pathname, search } = window.location;
  window.location.assign(signInPath(`${pathname}${search}`));
}
