'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Notice } from '@/components/ui/Notice';
import { sendJson } from '@/lib/client/api';
import { formatMoney, plural } from '@/lib/client/format';
import { refreshAfterDebtChange } from '@/lib/client/queries';
import type { Debt, DebtChangeResponse } from '@/lib/client/types';

type Change = { debtIds: string[]; count: boolean };

/** Counts debts in the client's totals again, or leaves them out; one request per debt. */
function useCountInTotals(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ debtIds, count }: Change) => {
      for (const debtId of debtIds) await sendJson<DebtChangeResponse>('PATCH', `/api/clients/${clientId}/debts/${debtId}`, { countInTotals: count });
    },
    // Some debts may have changed before a failure, so the list is reloaded either way.
    onSettled: () => refreshAfterDebtChange(queryClient, clientId),
  });
}

/** In a debt's details: whether the debt counts in the client's totals, with the button that changes it. */
export function TotalsChoice({ debt }: { debt: Debt }) {
  const change = useCountInTotals(debt.clientId);
  return (
    <section data-testid="debt-totals-choice" data-counted={debt.countedInTotals}>
      <h3 className="text-sm font-semibold text-slate-800">Totals</h3>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span>
          {debt.countedInTotals
            ? 'Counted in the client\u2019s totals.'
            : 'Left out of the client\u2019s totals, for example because someone else owes it. The letters stay, and so does the debt.'}
        </span>
        <Button variant="secondary" size="sm" busy={change.isPending} onClick={() => change.mutate({ debtIds: [debt.id], count: !debt.countedInTotals })} data-testid="debt-count-toggle">
          {debt.countedInTotals ? 'Leave out of the totals' : 'Count in the totals again'}
        </Button>
      </div>
      {change.isError && <ErrorMessage error={change.error} title="The totals could not be changed." className="mt-2" />}
    </section>
  );
}

/**
 * Above the debts table: the debts from letters addressed to someone else, which still count, with a
 * button that leaves them all out of the totals and an undo for that.
 */
export function ElsewhereNote({ clientId, debts, amount }: { clientId: string; debts: Debt[]; amount: string }) {
  const change = useCountInTotals(clientId);
  const [leftOut, setLeftOut] = useState<string[]>([]);

  if (leftOut.length > 0) {
    return (
      <Notice tone="success" className="mb-3" data-testid="debt-elsewhere-left-out">
        {leftOut.length === 1 ? 'That debt is' : `Those ${plural(leftOut.length, 'debt')} are`} now left out of the totals.{' '}
        <Button
          variant="ghost"
          size="sm"
          busy={change.isPending}
          onClick={() => change.mutate({ debtIds: leftOut, count: true }, { onSuccess: () => setLeftOut([]) })}
          data-testid="debt-elsewhere-undo"
        >
          Undo
        </Button>
        {change.isError && <ErrorMessage error={change.error} title="The totals could not be changed." className="mt-2" />}
      </Notice>
    );
  }
  if (debts.length === 0) return null;

  const ids = debts.map((debt) => debt.id);
  return (
    <div className="mb-3 text-sm text-amber-900" data-testid="debt-elsewhere-note">
      <p>
        {debts.length === 1 ? 'One debt comes' : `${plural(debts.length, 'debt')} come`} from letters addressed to someone other than this client, and the totals include{' '}
        {formatMoney(amount)} from {debts.length === 1 ? 'it' : 'them'}. Check those letters. If someone else owes the debt, leave it out of the totals; if a document belongs to another client,
        delete it here and upload it there.
      </p>
      <Button variant="secondary" size="sm" className="mt-2" busy={change.isPending} onClick={() => change.mutate({ debtIds: ids, count: false }, { onSuccess: () => setLeftOut(ids) })} data-testid="debt-elsewhere-leave-out">
        {debts.length === 1 ? 'Leave it out of the totals' : `Leave these ${debts.length} out of the totals`}
      </Button>
      {change.isError && <ErrorMessage error={change.error} title="The totals could not be changed." className="mt-2" />}
    </div>
  );
}
