'use client';

import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { TextInput } from '@/components/ui/Field';
import type { DocumentScope } from '@/lib/client/queries';
import type { DocumentView } from '@/lib/client/types';
import { useRetryDocument } from './useRetryDocument';

const passwordCodes = new Set(['pdf_password_required', 'pdf_password_incorrect']);

/**
 * Shows why a document failed, in the server's words, and the way forward: a password field for a
 * protected PDF, a Retry button when processing again can help (a model server was down), and
 * otherwise only the message, which states what to do, such as uploading a better copy.
 */
export function FailedDocumentActions({ document, scope }: { document: DocumentView; scope: DocumentScope }) {
  const passwordId = useId();
  const [password, setPassword] = useState('');
  const needsPassword = passwordCodes.has(document.errorCode ?? '');
  const retry = useRetryDocument(document, scope);

  function submitPassword(event: FormEvent) {
    event.preventDefault();
    if (password) retry.mutate({ password }, { onSuccess: () => setPassword('') });
  }

  return (
    <div className="mt-2 space-y-2">
      <p className="text-sm text-red-800" data-testid="document-error">
        {document.errorMessage ?? 'Processing failed.'}
      </p>
      {needsPassword && (
        <form onSubmit={submitPassword} className="flex flex-wrap items-end gap-2" data-testid="document-password-form">
          <div>
            <label htmlFor={passwordId} className="mb-1 block text-xs font-medium text-slate-800">
              PDF password
            </label>
            <TextInput
              id={passwordId}
              type="password"
              autoComplete="off"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              className="w-56"
              data-testid="document-password-input"
            />
          </div>
          <Button type="submit" size="sm" busy={retry.isPending} disabled={!password}>
            Open with password
          </Button>
        </form>
      )}
      {!needsPassword && document.errorRetryable === true && (
        <Button variant="secondary" size="sm" busy={retry.isPending} onClick={() => retry.mutate({})} data-testid="document-retry">
          Retry
        </Button>
      )}
      {retry.isError && <ErrorMessage error={retry.error} />}
    </div>
  );
}
