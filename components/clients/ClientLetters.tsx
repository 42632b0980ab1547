'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { LetterCheck, needsChecking } from '@/components/letters/LetterCheck';
import { CopyButton } from '@/components/ui/CopyButton';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Loading } from '@/components/ui/Loading';
import { formatDateTime } from '@/lib/client/format';
import { fetchClientLetters, queryKeys } from '@/lib/client/queries';

/** Lists the letters written for this client on the Letters page, each openable with its text and a copy button. */
export function ClientLetters({ clientId }: { clientId: string }) {
  const letters = useQuery({ queryKey: queryKeys.clientLetters(clientId), queryFn: () => fetchClientLetters(clientId) });

  if (letters.isPending) return <Loading label="Loading letters…" />;
  if (letters.isError) return <ErrorMessage error={letters.error} title="The letters could not be loaded." onRetry={() => void letters.refetch()} />;
  if (letters.data.letters.length === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="client-letters-empty">
        No letters yet. Write one on the <Link href="/letters">Letters page</Link> and choose this client under Existing client.
      </p>
    );
  }

  return (
    <ul className="space-y-2" data-testid="client-letters">
      {letters.data.letters.map((letter) => (
        <li key={letter.id} className="rounded-md border border-slate-200" data-testid="client-letter">
          <details>
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
              Letter to {letter.clientName}, {formatDateTime(letter.createdAt)}
              {needsChecking(letter) && <span className="ml-2 text-xs font-normal text-amber-800">(check before sending)</span>}
            </summary>
            <div className="space-y-2 border-t border-slate-200 px-3 py-2">
              <LetterCheck {...letter} />
              <pre className="max-h-96 overflow-auto whitespace-pre-wrap font-sans text-sm text-slate-800" data-testid="client-letter-body">
                {letter.body}
              </pre>
              <CopyButton text={letter.body} label="Copy letter" />
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
