'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Select } from '@/components/ui/Field';
import { postJson } from '@/lib/client/api';
import { formatMoney, plural } from '@/lib/client/format';
import { queryKeys, refreshAfterDebtChange } from '@/lib/client/queries';
import type { Debt, DebtsResponse } from '@/lib/client/types';

/** Names a debt in a list of choices: creditor, latest balance and reference. */
function debtLabel(debt: Debt): string {
  return [debt.creditor ?? 'Unknown creditor', debt.amount === null ? 'no balance' : formatMoney(debt.amount), debt.accountReference ?? 'no reference'].join(' · ');
}

/** Letters merged in just now, which separating again undoes. */
type Merged = { name: string; mentionIds: string[] };

/**
 * Lets the advisor merge another of the client's debts into this one, for two debts that are one but
 * that no merge proposal named. The undo separates the letters that came in.
 */
export function MergeWith({ debt }: { debt: Debt }) {
  const queryClient = useQueryClient();
  const selectId = useId();
  const others = (queryClient.getQueryData<DebtsResponse>(queryKeys.debts(debt.clientId))?.debts ?? []).filter((other) => other.id !== debt.id);
  const [otherId, setOtherId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [merged, setMerged] = useState<Merged | null>(null);
  const other = others.find((candidate) => candidate.id === otherId);

  const merge = useMutation({
    mutationFn: (chosen: Debt) => postJson<unknown>(`/api/clients/${debt.clientId}/debts/${debt.id}/merge`, { otherDebtId: chosen.id }),
    onSuccess: async (_, chosen) => {
      setConfirming(false);
      setOtherId('');
      setMerged({ name: debtLabel(chosen), mentionIds: chosen.mentions.map((mention) => mention.id) });
      await refreshAfterDebtChange(queryClient, debt.clientId);
    },
  });
  const undo = useMutation({
    mutationFn: (letters: Merged) => postJson<unknown>(`/api/clients/${debt.clientId}/debts/${debt.id}/separate`, { mentionIds: letters.mentionIds }),
    onSuccess: async () => {
      setMerged(null);
      await refreshAfterDebtChange(queryClient, debt.clientId);
    },
  });

  if (merged) {
    return (
      <div role="status" className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="debt-merged">
        <span>Merged: {merged.name} is now part of this debt.</span>
        <Button variant="secondary" size="sm" onClick={() => undo.mutate(merged)} busy={undo.isPending} data-testid="debt-merged-undo">
          Undo
        </Button>
        {undo.isError && <ErrorMessage error={undo.error} title="The merge could not be undone." className="w-full" />}
      </div>
    );
  }
  if (others.length === 0) return null;

  return (
    <section data-testid="debt-merge-with">
      <h3 className="text-sm font-semibold text-slate-800">
        <label htmlFor={selectId}>Same debt as another?</label>
      </h3>
      <p className="mt-1 text-xs text-slate-600">When two rows are one debt, for example a letter whose account number could not be read, merge the other into this one.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Select id={selectId} value={otherId} onChange={(event) => setOtherId(event.target.value)} className="min-w-0 flex-1" data-testid="debt-merge-choice">
          <option value="">Choose a debt…</option>
          {others.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {debtLabel(candidate)}
            </option>
          ))}
        </Select>
        <Button variant="secondary" size="sm" disabled={!other} onClick={() => setConfirming(true)} data-testid="debt-merge-start">
          Merge into this debt…
        </Button>
      </div>
      {other && (
        <ConfirmDialog
          open={confirming}
          title="Merge these two debts?"
          confirmLabel="Merge"
          tone="primary"
          busy={merge.isPending}
          error={merge.isError ? merge.error : undefined}
          onConfirm={() => merge.mutate(other)}
          onCancel={() => {
            setConfirming(false);
            merge.reset();
          }}
          data-testid="debt-merge-dialog"
        >
          <p>
            {debtLabel(other)} ({plural(new Set(other.mentions.map((mention) => mention.documentId)).size, 'letter')}) becomes part of {debtLabel(debt)}. This debt
            keeps its corrections, a correction on the other is kept where the letters give no value of their own, and the totals count the two as one.
          </p>
          <p>You can undo this straight afterwards, or later by separating the letters from this debt.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
