import Link from 'next/link';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { ApiError } from '@/lib/client/api';

type Subject = 'client' | 'document';

const where: Record<Subject, string> = {
  client: 'Find the client in the list instead.',
  document: 'Open the client, or the knowledge base, and find the document there.',
};

function BackToClients() {
  return (
    <Link href="/clients" className="inline-block" data-testid="record-back-link">
      Back to clients
    </Link>
  );
}

/** Shown in place of a client or document screen when the id in the address cannot be one. */
export function InvalidLink({ subject }: { subject: Subject }) {
  return (
    <div className="space-y-3" data-testid="invalid-link">
      <h1>This {subject} link is not valid</h1>
      <p className="text-sm text-slate-700">
        The address does not lead to a {subject}. It may have been mistyped or cut short when it was copied. {where[subject]}
      </p>
      <BackToClients />
    </div>
  );
}

/**
 * Shown when a client or document could not be loaded. A record that is not there gets a plain
 * explanation instead of the server's message, and Try again is offered only where it can help.
 */
export function RecordLoadError({ subject, error, onRetry }: { subject: Subject; error: unknown; onRetry: () => void }) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div className="space-y-3" data-testid="record-not-found">
        <h1>This {subject} was not found</h1>
        <p className="text-sm text-slate-700">
          It may have been erased, or the link may be out of date. {where[subject]}
        </p>
        <BackToClients />
      </div>
    );
  }

  const retryable = !(error instanceof ApiError) || error.retryable;
  return (
    <div className="space-y-3">
      <h1>{subject === 'client' ? 'Client' : 'Document'}</h1>
      <ErrorMessage error={error} title={`The ${subject} could not be loaded.`} onRetry={retryable ? onRetry : undefined} />
      <BackToClients />
    </div>
  );
}
