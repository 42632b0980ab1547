import crypto from 'node:crypto';
import { z } from 'zod';
import { AppError, toErrorBody, type ErrorBody } from './errors';
import { recordAudit, type AuditEvent } from './audit';
import { trustedOrigins } from './auth/auth';
import { getCurrentUser, requireRole, type CurrentUser } from './auth/session';
import { moduleLogger } from './log';
import { getMetrics, routePattern } from './metrics';
import { getServices, type Services } from './services';

const log = moduleLogger('http');

type NextContext<P> = { params: Promise<P> };

/** The access level of a route: anyone, any signed-in advisor or admin, or admins only. */
export type Access = 'public' | 'user' | 'admin';

/** The context of a route handler: the request, its parsed route parameters, the services and the user. */
export type RequestContext<P> = {
  request: Request;
  params: P;
  requestId: string;
  services: Services;
  user: CurrentUser | null;
  /** Records an audit event with this request's user and id. */
  audit: (event: Omit<AuditEvent, 'actorType' | 'actorId' | 'requestId'>) => Promise<void>;
};
export type SignedInContext<P> = RequestContext<P> & { user: CurrentUser };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Returns the path as the request log keeps it. An upload link's token is a credential until it
 * expires, so only its link id stays: enough to find the link, not enough to use it.
 */
export function pathForLog(path: string): string {
  return path.replace(/(\/upload\/[^/.]+)\.[^/]+/, '$1.…');
}

/**
 * Rejects a state-changing request that a browser sent from another site. Browsers send Origin on
 * every cross-site POST, PUT, PATCH and DELETE, and Sec-Fetch-Site on all requests. A request with
 * neither comes from a program such as curl, which cannot carry a victim's cookies.
 */
export function assertSameOrigin(request: Request, allowed: string[]): void {
  if (safeMethods.has(request.method)) return;
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site');
  if (origin ? !allowed.includes(origin) : fetchSite === 'cross-site') {
    throw new AppError('forbidden', 'This request came from another website and was rejected. Use RMA Advisor itself to make changes.');
  }
}

/**
 * Wraps a route handler. It gives the request an id, checks the session and role (401 without a
 * session, 403 without the role) and rejects cross-site state changes. It maps AppError and zod
 * errors to the JSON error shape with the right status, and logs every request without bodies.
 */
export function route<P = Record<string, never>>(access: 'public', handler: (context: RequestContext<P>) => Promise<Response>): (request: Request, context: NextContext<P>) => Promise<Response>;
export function route<P = Record<string, never>>(access: 'user' | 'admin', handler: (context: SignedInContext<P>) => Promise<Response>): (request: Request, context: NextContext<P>) => Promise<Response>;
export function route<P>(access: Access, handler: (context: SignedInContext<P>) => Promise<Response>) {
  return async (request: Request, nextContext: NextContext<P>): Promise<Response> => {
    const requestId = crypto.randomUUID();
    const started = Date.now();
    const url = new URL(request.url);
    const path = url.pathname;
    let userId: string | undefined;
    let clientId: unknown;
    try {
      const services = await getServices();
      assertSameOrigin(request, trustedOrigins(services.config));
      const user = await getCurrentUser(services.auth, request.headers);
      if (access !== 'public') requireRole(user, access);
      userId = user?.id;
      const audit: RequestContext<P>['audit'] = (event) =>
        recordAudit(services.db, { ...event, actorType: user ? 'user' : 'system', actorId: user?.id ?? null, requestId });
      const params = await nextContext.params;
      // A route names its client in the path or, as /api/graph does, in the query.
      clientId = (params as { clientId?: unknown } | undefined)?.clientId ?? url.searchParams.get('clientId') ?? undefined;
      const response = await handler({ request, params, requestId, services, user: user!, audit });
      response.headers.set('x-request-id', requestId);
      log.info({ requestId, userId, method: request.method, path: pathForLog(path), status: response.status, ms: Date.now() - started }, 'request');
      getMetrics().observeRequest(routePattern(path), request.method, response.status, (Date.now() - started) / 1000);
      return response;
    } catch (error) {
      const appError = toAppError(error);
      const level = appError.status >= 500 ? 'error' : 'info';
      log[level]({ requestId, userId, method: request.method, path: pathForLog(path), status: appError.status, code: appError.code, err: appError.code === 'internal' ? error : undefined }, 'request failed');
      getMetrics().observeRequest(routePattern(path), request.method, appError.status, (Date.now() - started) / 1000);
      if (appError.code === 'forbidden' && userId) await recordRefusal({ userId, clientId, requestId, method: request.method, path });
      return Response.json(toErrorBody(appError), { status: appError.status, headers: { 'x-request-id': requestId } });
    }
  };
}

/**
 * Records that a signed-in user was refused a route, with the client it concerned when the route
 * names one. A failure to record is logged and does not change the 403 the user gets.
 */
async function recordRefusal({ userId, clientId, requestId, method, path }: { userId: string; clientId: unknown; requestId: string; method: string; path: string }): Promise<void> {
  const client = typeof clientId === 'string' && uuidParam.safeParse(clientId).success ? clientId : null;
  try {
    const services = await getServices();
    await recordAudit(services.db, { actorType: 'user', actorId: userId, action: 'refused', targetType: 'route', targetId: null, clientId: client, requestId, details: { method, route: routePattern(path) } });
  } catch (error) {
    log.error({ requestId, err: { name: (error as Error).name } }, 'recording a refused request in the audit log failed');
  }
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    const detail = error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
    return new AppError('invalid_request', `Invalid request: ${detail}.`);
  }
  return new AppError('internal', 'Something went wrong on the server. Try again; if it keeps failing, report the request id.');
}

/** Parses a JSON request body with a zod schema; a missing or malformed body is an invalid request. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError('invalid_request', 'The request body must be JSON.');
  }
  return schema.parse(body);
}

/** Parses route or query parameters with a zod schema. */
export function parseParams<T extends z.ZodType>(value: unknown, schema: T): z.infer<T> {
  return schema.parse(value);
}

export const uuidParam = z.uuid({ error: 'must be an id (a UUID)' });

/** Streams async events as newline-delimited JSON; the generator stops when the client goes away. */
export function ndjsonResponse<T>(events: AsyncGenerator<T>, requestId: string): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
      } catch (error) {
        const appError = toAppError(error);
        log.error({ requestId, code: appError.code, err: appError.code === 'internal' ? error : undefined }, 'stream failed');
        controller.enqueue(encoder.encode(`${JSON.stringify({ type: 'error', code: appError.code, message: appError.message })}\n`));
        controller.close();
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', 'x-request-id': requestId },
  });
}

/** Reads the `file` fields of a multipart request, and the other fields as text; a request without a file is invalid. */
export async function readUploadedFiles(request: Request, options: { single?: boolean } = {}): Promise<{ files: File[]; fields: Record<string, string> }> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    throw new AppError('invalid_request', 'Send the file as multipart/form-data in a field named "file".');
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError('invalid_request', 'The upload could not be read as multipart/form-data. Try the upload again.');
  }
  const files = form.getAll('file').filter((value): value is File => typeof value !== 'string');
  if (files.length === 0) throw new AppError('invalid_request', 'No file was sent. Attach one or more files in the field named "file".');
  if (options.single && files.length > 1) throw new AppError('invalid_request', 'Send exactly one file to this endpoint.');
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === 'string') fields[name] = value;
  return { files, fields };
}

/**
 * Maps an upload outcome to a response: 202 with the queued documents and any rejected files, or,
 * when every file was rejected, the first rejection's status with all rejections listed.
 */
export function uploadResponse(outcome: { documents: { id: string }[]; rejected: { filename: string; error: ErrorBody['error'] }[] }): Response {
  if (outcome.documents.length === 0) {
    const first = outcome.rejected[0].error;
    const status = new AppError(first.code, first.message).status;
    return Response.json({ error: first, rejected: outcome.rejected }, { status });
  }
  return Response.json({ ...outcome, ids: outcome.documents.map((document) => document.id) }, { status: 202 });
}
