import { expect, test } from 'vitest';
import { AppError, errorCodes, isAppError, toErrorBody } from './errors';

test('instanceof works across module copies', async () => {
  const copy = await import('./errors?copy' as string) as typeof import('./errors');
  expect(copy.AppError).not.toBe(AppError);
  const foreign = new copy.AppError('model_unavailable', 'down');
  expect(foreign instanceof AppError).toBe(true);
  expect(isAppError(foreign)).toBe(true);
  expect(new Error('plain') instanceof AppError).toBe(false);
});

test('codes carry status and retryable', () => {
  const error = new AppError('pdf_password_required', 'needs a password');
  expect(error.status).toBe(errorCodes.pdf_password_required.status);
  expect(toErrorBody(error)).toEqual({ error: { code: 'pdf_password_required', message: 'needs a password', retryable: false } });
});
