/**
 * Browser-side calls to better-auth's endpoints under /api/auth. Their errors come in two shapes:
 * the app's own error body from the checks in front of better-auth, and better-auth's `{ code, message }`,
 * which this module turns into messages for the user.
 */
import { ApiError, isApiErrorBody, send, toApiError } from './api';
import { MIN_PASSWORD_LENGTH } from './password';
import type { CurrentUser } from './types';

/** A better-auth error body, e.g. `{ code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' }`. */
type AuthErrorBody = { code?: string; message?: string };

const authMessages: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: 'The email address or password is wrong. Check both and try again.',
  INVALID_EMAIL: 'Enter a valid email address, like name@example.org.',
  BANNED_USER: "This account has been disabled. Ask your centre's admin to enable it again.",
  INVALID_PASSWORD: 'The current password is wrong. Check it and try again.',
  PASSWORD_TOO_SHORT: `The new password is too short. Use at least ${MIN_PASSWORD_LENGTH} characters.`,
  PASSWORD_TOO_LONG: 'The new password is too long. Use at most 256 characters.',
};

/** Returns "1 minute" or "N minutes" for a wait given in seconds, rounded up to whole minutes. */
function waitText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Builds the error for a failed auth request. A 429 from better-auth 1.7's rate limiter carries the
 * seconds to wait in X-Retry-After, so the message can state how long.
 */
async function toAuthError(response: Response, action: string): Promise<ApiError> {
  const parsed: unknown = await response.json().catch(() => null);
  if (isApiErrorBody(parsed)) return toApiError(response.status, parsed);
  const body = parsed as AuthErrorBody | null;

  if (response.status === 429) {
    const seconds = Number(response.headers.get('x-retry-after'));
    const wait = Number.isFinite(seconds) && seconds > 0 ? `Wait ${waitText(seconds)}` : 'Wait a few minutes';
    return new ApiError('rate_limited', `Too many attempts. ${wait}, then try again.`, 429, false);
  }

  const code = body?.code ?? 'auth_error';
  const known = authMessages[code];
  if (known) return new ApiError(code, known, response.status, false);
  const detail = body?.message ? ` The server said: ${body.message}.` : '';
  return new ApiError(code, `${action} failed (HTTP ${response.status}).${detail} Try again; if it keeps failing, ask your centre's admin.`, response.status, response.status >= 500);
}

async function postAuth<T>(path: string, body: unknown, action: string, redirectOnUnauthenticated: boolean): Promise<T> {
  const response = await send(`/api/auth/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, { redirectOnUnauthenticated });
  if (!response.ok) throw await toAuthError(response, action);
  return (await response.json().catch(() => null)) as T;
}

/** Signs in with email and password. The response sets the session cookie. */
export function signIn(email: string, password: string): Promise<{ user: CurrentUser }> {
  return postAuth('sign-in/email', { email, password }, 'Signing in', false);
}

export function signOut(): Promise<unknown> {
  return postAuth('sign-out', {}, 'Signing out', false);
}

/** Changes the signed-in user's password and signs out their other sessions. This session stays signed in. */
export function changePassword(currentPassword: string, newPassword: string): Promise<unknown> {
  return postAuth('change-password', { currentPassword, newPassword, revokeOtherSessions: true }, 'Changing the password', true);
}
