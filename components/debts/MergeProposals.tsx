'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { ApiError, postJson } from '@/lib/client/api';
import { documentTypeLabel, formatDate, formatMoney, plural } from '@/lib/client/format';
import { fetchKeptApart, fetchMergeProposals, queryKeys, refreshAfterDebtChange } from '@/lib/client/queries';
import type { Debt, MergeProposalView } from '@/lib/client/types';
import { referenceText } from './DebtDetails';
import { PriorityBadge } from './PriorityBadge';

/**
 * Lists the pairs of debts that may be one debt, which resolution would not merge on its own, for
 * the advisor to merge or keep apart. Shows nothing while there are none.
 */
export function MergeProposals({ clientId }: { clientId: string }) {
  const proposals = useQuery({ queryKey: queryKeys.mergeProposals(clientId), queryFn: () => fetchMergeProposals(clientId) });
  // Pairs kept separate on this screen, so the decision can be undone until the page is left.
  const [keptApart, setKeptApart] = useState<MergeProposalView[]>([]);

  if (proposals.isError) return <ErrorMessage error={proposals.error} title="The possible duplicates could not be loaded." onRetry={() => void proposals.refetch()} className="mb-4" />;
  const open = proposals.data?.proposals ?? [];
  const undoable = keptApart.filter((kept) => !open.some((proposal) => proposal.id === kept.id));
  if (open.length === 0 && undoable.length === 0) return null;

  return (
    <section aria-labelledby="merge-proposals-heading" className="mb-5 rounded-md border border-amber-300 bg-amber-50/50 p-4" data-testid="merge-proposals">
      <h3 id="merge-proposals-heading" className="font-semibold text-slate-900">
        Possible duplicates ({open.length})
      </h3>
      {open.length > 0 && <p className="mt-1 text-sm text-slate-700">These debts may be the same debt in different letters. Check both, then merge them into one debt or keep them separate. Until you decide, both count in the totals.</p>}
      <ul className="mt-3 space-y-4">
        {open.map((proposal) => (
          <li key={proposal.id}>
            <ProposalCard clientId={clientId} proposal={proposal} onKeptApart={() => setKeptApart((current) => [...current, proposal])} />
          </li>
        ))}
      </ul>
      {undoable.map((proposal) => (
        <KeptApartNotice key={proposal.id} clientId={clientId} proposal={proposal} onDone={() => setKeptApart((current) => current.filter((kept) => kept.id !== proposal.id))} />
      ))}
    </section>
  );
}

/** Confirms that a pair was kept separate, with an undo that opens the proposal again. */
function KeptApartNotice({ clientId, proposal, onDone }: { clientId: string; proposal: MergeProposalView; onDone: () => void }) {
  const queryClient = useQueryClient();
  const reopen = useMutation({
    mutationFn: () => postJson<unknown>(`/api/clients/${clientId}/merge-proposals/${proposal.id}/reopen`, {}),
    onSuccess: async () => {
      await refreshAfterDebtChange(queryClient, clientId);
      onDone();
    },
  });
  const name = (debt: Debt) => `${debt.creditor ?? 'an unknown creditor'} (${formatMoney(debt.amount)})`;
  // The card whose button had focus is gone, so focus moves here rather than to the top of the page.
  const undoButton = useRef<HTMLButtonElement>(null);
  useEffect(() => undoButton.current?.focus(), []);

  return (
    <div role="status" className="mt-3 flex flex-wrap items-center gap-2 rounded border border-slate-200 bg-white px-3 py-2 text-sm" data-testid="merge-kept-apart">
      <span>
        Kept separate: the debts to {name(proposal.debt)} and {name(proposal.otherDebt)} both count in the totals.
      </span>
      <Button ref={undoButton} variant="secondary" size="sm" onClick={() => reopen.mutate()} busy={reopen.isPending} data-testid="merge-undo-reject">
        Undo
      </Button>
      <Button variant="ghost" size="sm" onClick={onDone} disabled={reopen.isPending}>
        Dismiss
      </Button>
      {reopen.isError && <ErrorMessage error={reopen.error} title="The proposal could not be reopened." className="mt-2 w-full" />}
    </div>
  );
}

function ProposalCard({ clientId, proposal, onKeptApart }: { clientId: string; proposal: MergeProposalView; onKeptApart: () => void }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const base = `/api/clients/${clientId}/merge-proposals/${proposal.id}`;

  // A proposal decided elsewhere (409) or gone with its debts (404) is stale here, so the lists are reloaded too.
  const refreshWhenStale = (error: unknown) => {
    if (error instanceof ApiError && (error.status === 404 || error.status === 409)) void refreshAfterDebtChange(queryClient, clientId);
  };
  const accept = useMutation({
    mutationFn: () => postJson<{ debt: Debt | undefined }>(`${base}/accept`, {}),
    onSuccess: async ({ debt }) => {
      await refreshAfterDebtChange(queryClient, clientId);
      // The card whose button had focus is gone: focus moves to the merged debt's row.
      if (debt) requestAnimationFrame(() => document.querySelector<HTMLElement>(`#debt-${debt.id} [data-testid="debt-toggle"]`)?.focus());
    },
    onError: refreshWhenStale,
  });
  const reject = useMutation({
    mutationFn: () => postJson<unknown>(`${base}/reject`, {}),
    onSuccess: () => {
      onKeptApart();
      return refreshAfterDebtChange(queryClient, clientId);
    },
    onError: refreshWhenStale,
  });
  const busy = accept.isPending || reject.isPending;

  return (
    <article className="rounded-md border border-slate-200 bg-white p-3" data-testid="merge-proposal" data-proposal-id={proposal.id} data-reason={proposal.reason}>
      <p className="text-sm font-medium text-slate-900" data-testid="merge-proposal-explanation">
        {proposal.explanation}
      </p>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <DebtSummary debt={proposal.debt} />
        <DebtSummary debt={proposal.otherDebt} />
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button size="sm" onClick={() => setConfirming(true)} disabled={busy} data-testid="merge-accept">
          Merge into one debt…
        </Button>
        <Button variant="secondary" size="sm" onClick={() => reject.mutate()} busy={reject.isPending} disabled={busy} data-testid="merge-reject">
          Keep separate
        </Button>
      </div>
      {reject.isError && <ErrorMessage error={reject.error} title="The proposal could not be rejected." className="mt-3" />}

      <ConfirmDialog
        open={confirming}
        title="Merge these two debts?"
        confirmLabel="Merge"
        tone="primary"
        busy={accept.isPending}
        error={accept.isError ? accept.error : undefined}
        onConfirm={() => accept.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onCancel={() => {
          setConfirming(false);
          accept.reset();
        }}
        data-testid="merge-confirm-dialog"
      >
        <p>
          The debt to {proposal.debt.creditor ?? 'an unknown creditor'} ({formatMoney(proposal.debt.amount)}) and the debt to {proposal.otherDebt.creditor ?? 'an unknown creditor'} ({formatMoney(proposal.otherDebt.amount)}) become one debt, with the letters and balances of both. It counts once in the totals.
        </p>
        <p>
          The older debt keeps its corrections; a correction made to the other is kept where the letters give no value of their own. If they turn out to be different
          debts, open the merged debt and separate a letter from it.
        </p>
      </ConfirmDialog>
    </article>
  );
}

function DebtSummary({ debt }: { debt: Debt }) {
  return (
    <div className="rounded border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="merge-proposal-debt" data-debt-id={debt.id}>
      <p className="font-medium text-slate-900">{debt.creditor ?? 'Unknown creditor'}</p>
      {debt.originalCreditor && <p className="text-xs text-slate-600">Original creditor: {debt.originalCreditor}</p>}
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        <dt className="text-slate-600">Latest balance</dt>
        <dd className="font-medium tabular-nums">
          {formatMoney(debt.amount)}
          {debt.asOfDate && <span className="font-normal text-slate-600"> as of {formatDate(debt.asOfDate)}</span>}
        </dd>
        <dt className="text-slate-600">Reference</dt>
        <dd className="font-mono text-xs leading-5">{debt.accountReference ?? (debt.references.map(referenceText).join(', ') || '—')}</dd>
        <dt className="text-slate-600">Type</dt>
        <dd>{documentTypeLabel(debt.documentType)}</dd>
        <dt className="text-slate-600">Priority</dt>
        <dd>
          <PriorityBadge priority={debt.priority} />
        </dd>
      </dl>
      <p className="mt-2 text-xs text-slate-600">{plural(debt.mentions.length, 'mention')}:</p>
      <ul className="text-sm">
        {debt.mentions.map((mention) => (
          <li key={mention.id}>
            <Link href={`/documents/${mention.documentId}#page-${mention.pageNumber}`}>
              {mention.documentName}, page {mention.pageNumber}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Lists the pairs of debts kept apart, by an advisor's "Keep separate" or by separating a letter, each
 * with a button that offers the pair as possible duplicates again. Shows nothing while there are none.
 */
export function KeptApartPairs({ clientId }: { clientId: string }) {
  const queryClient = useQueryClient();
  const pairs = useQuery({ queryKey: queryKeys.keptApart(clientId), queryFn: () => fetchKeptApart(clientId) });
  const reopen = useMutation({
    mutationFn: (proposalId: string) => postJson<unknown>(`/api/clients/${clientId}/merge-proposals/${proposalId}/reopen`, {}),
    onSuccess: () => refreshAfterDebtChange(queryClient, clientId),
  });
  const keptPairs = pairs.data?.proposals ?? [];
  if (keptPairs.length === 0) return null;
  const name = (debt: Debt) => `${debt.creditor ?? 'an unknown creditor'} (${formatMoney(debt.amount)})`;

  return (
    <details className="mt-4 text-sm" data-testid="kept-apart">
      <summary className="cursor-pointer text-slate-700">Debts kept separate ({keptPairs.length})</summary>
      <ul className="mt-2 space-y-2">
        {keptPairs.map((proposal) => (
          <li key={proposal.id} className="flex flex-wrap items-center gap-2" data-testid="kept-apart-pair">
            <span>
              {name(proposal.debt)} and {name(proposal.otherDebt)}
            </span>
            <Button variant="ghost" size="sm" onClick={() => reopen.mutate(proposal.id)} busy={reopen.isPending && reopen.variables === proposal.id} data-testid="kept-apart-reopen">
              Offer as possible duplicates again
            </Button>
          </li>
        ))}
      </ul>
      {reopen.isError && <ErrorMessage error={reopen.error} title="The pair could not be offered again." className="mt-2" />}
    </details>
  );
}
