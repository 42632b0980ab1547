/**
 * The closed set of errors the app reports to users. Each code has an HTTP status and says whether
 * trying again later can help. Messages are written for an advisor: what failed and what to do next.
 */
export const errorCodes = {
  invalid_request: { status: 422, retryable: false },
  not_found: { status: 404, retryable: false },
  conflict: { status: 409, retryable: false },
  duplicate_document: { status: 409, retryable: false },
  payload_too_large: { status: 413, retryable: false },
  unsupported_file_type: { status: 415, retryable: false },
  file_empty: { status: 422, retryable: false },
  image_too_large: { status: 422, retryable: false },
  image_invalid: { status: 422, retryable: false },
  pdf_invalid: { status: 422, retryable: false },
  pdf_password_required: { status: 422, retryable: false },
  pdf_password_incorrect: { status: 422, retryable: false },
  pdf_needs_rendering: { status: 422, retryable: false },
  pdf_too_many_pages: { status: 422, retryable: false },
  pdf_timeout: { status: 422, retryable: false },
  no_text_found: { status: 422, retryable: false },
  model_unavailable: { status: 503, retryable: true },
  model_missing: { status: 503, retryable: false },
  model_output_invalid: { status: 502, retryable: true },
  vectors_unavailable: { status: 503, retryable: true },
  graph_unavailable: { status: 503, retryable: true },
  link_expired: { status: 410, retryable: false },
  link_revoked: { status: 410, retryable: false },
  rate_limited: { status: 429, retryable: true },
  unauthenticated: { status: 401, retryable: false },
  forbidden: { status: 403, retryable: false },
  internal: { status: 500, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof errorCodes;

/** Marks AppError instances across copies of this module that Next.js may load in separate bundles. */
const appErrorBrand = Symbol.for('rma-advisor.AppError');

/** An error whose message is safe to show to the user. It must never contain document text. */
export class AppError extends Error {
  readonly [appErrorBrand] = true;

  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.retryable = options?.retryable ?? errorCodes[code].retryable;
  }

  /**
   * Makes `instanceof AppError` true for an AppError made by another copy of this class: services are
   * created once per process and shared by route handlers that Next.js bundles separately.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[appErrorBrand] === true;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The JSON body of every error response. */
export type ErrorBody = { error: { code: ErrorCode; message: string; retryable: boolean } };

export function toErrorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.message, retryable: error.retryable } };
}
