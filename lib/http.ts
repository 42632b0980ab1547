import crypto from 'node:crypto';
import { z } from 'zod';
import { AppError, toErrorBody, type ErrorBody } from './errors';
import { moduleLogger } from './log';

const log = moduleLogger('http');

type RouteContext<P> = { params: Promise<P> };

/**
 * Wraps a route handler: gives the request an id, maps AppError and zod errors to the JSON error
 * shape with the right status, and logs unexpected failures without request bodies.
 */
export function route<P = Record<string, never>>(handler: (request: Request, params: P, requestId: string) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const requestId = crypto.randomUUID();
    const started = Date.now();
    const path = new URL(request.url).pathname;
    try {
      const response = await handler(request, await context.params, requestId);
      response.headers.set('x-request-id', requestId);
      log.info({ requestId, method: request.method, path, status: response.status, ms: Date.now() - started }, 'request');
      return response;
    } catch (error) {
      const appError = toAppError(error);
      const level = appError.status >= 500 ? 'error' : 'info';
      log[level]({ requestId, method: request.method, path, status: appError.status, code: appError.code, err: appError.code === 'internal' ? error : undefined }, 'request failed');
      return Response.json(toErrorBody(appError), { status: appError.status, headers: { 'x-request-id': requestId } });
    }
  };
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
