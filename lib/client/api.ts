/** Browser-side access to the app's HTTP API: JSON requests and the shared error shape. */

import { redirectToSignIn } from './session';

export type ApiErrorBody = { error: { code: string; message: string; retryable: boolean } };

/** A failed API request, carrying the server's error code and the message meant for the advisor. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly retryable: boolean;

  constructor(code: string, message: string, status: number, retryable: boolean) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.retryable = retryable;
  }
}

export const networkErrorMessage = 'The server could not be reached. Check that RMA Advisor is running, then try again.';

export const sessionEndedMessage = 'Your session has ended. Sign in again to continue.';

/** Sends the browser to the sign-in page and returns the error for the request that found the ended session. */
export function handleUnauthenticated(): ApiError {
  redirectToSignIn();
  return new ApiError('unauthenticated', sessionEndedMessage, 401, false);
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/** Builds an ApiError from a response status and its parsed body, whatever shape the body has. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isApiErrorBody(body)) {
    return new ApiError(body.error.code, body.error.message, status, Boolean(body.error.retryable));
  }
  return new ApiError('http_error', `The server returned an unexpected response (HTTP ${status}). Try again; if it keeps failing, check the status page.`, status, status >= 500);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Options of a request, about what a 401 response does. */
export type RequestOptions = {
  /**
   * false for public pages and for signing in, where a 401 is a result to show rather than a sign
   * that the session ended. Every other request sends the user to the sign-in page on a 401.
   */
  redirectOnUnauthenticated?: boolean;
};

/**
 * Sends a request and returns the response, turning a network failure into an ApiError. A 401
 * sends the user to the sign-in page and throws, so no screen has to handle an ended session itself.
 */
export async function send(url: string, init?: RequestInit, options: RequestOptions = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('network_error', networkErrorMessage, 0, true);
  }
  if (response.status === 401 && options.redirectOnUnauthenticated !== false) throw handleUnauthenticated();
  return response;
}

/** Fetches JSON; any non-2xx status throws an ApiError with the server's message. */
export async function fetchJson<T>(url: string, init?: RequestInit, options?: RequestOptions): Promise<T> {
  const response = await send(url, init, options);
  const body = await readBody(response);
  if (!response.ok) throw toApiError(response.status, body);
  return body as T;
}

/** Sends a JSON body with the given method and returns the JSON response, or null for 204. */
export function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH', url: string, body: unknown, options?: RequestOptions): Promise<T> {
  return fetchJson<T>(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, options);
}

export function postJson<T>(url: string, body: unknown, options?: RequestOptions): Promise<T> {
  return sendJson<T>('POST', url, body, options);
}

export function deleteResource(url: string): Promise<unknown> {
  return fetchJson<unknown>(url, { method: 'DELETE' });
}

/** Returns the message to show for any error a request or stream raised. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}
