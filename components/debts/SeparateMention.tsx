'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { postJson } from '@/lib/client/api';
import { refreshAfterDebtChange } from '@/lib/client/queries';
import type { Debt, MentionView } from '@/lib/client/types';

/** A letter just separated: the new debt, and the decision whose reopening and acceptance undoes it. */
export type Separation = { debtId: string; proposalId: string | null };

/**
 * Offers to move one letter out of a debt into a debt of its own, for a letter that resolution or a
 * merge joined to the wrong debt. `onSeparated` receives the new debt's id and the decision that undoes it.
 */
export function SeparateMention({ debt, mention, onSeparated }: { debt: Debt; mention: MentionView; onSeparated: (separation: Separation) => void }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const separate = useMutation({
    mutationFn: () => postJson<{ separated: Debt; proposalId: string | null }>(`/api/clients/${debt.clientId}/debts/${debt.id}/separate`, { mentionIds: [mention.id] }),
    onSuccess: async ({ separated, proposalId }) => {
      setConfirming(false);
      await refreshAfterDebtChange(queryClient, debt.clientId);
      onSeparated({ debtId: separated.id, proposalId });
    },
  });
  const letter = `${mention.documentName}, page ${mention.pageNumber}`;

  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} aria-label={`Separate ${letter} from this debt`} data-testid="debt-mention-separate">
        Not this debt…
      </Button>
      <ConfirmDialog
        open={confirming}
        title="Separate this letter from the debt?"
        confirmLabel="Separate"
        tone="primary"
        busy={separate.isPending}
        error={separate.isError ? separate.error : undefined}
        onConfirm={() => separate.mutate()}
        onCancel={() => {
          setConfirming(false);
          separate.reset();
        }}
        data-testid="debt-separate-dialog"
      >
        <p>
          {letter} becomes a debt of its own, with the amount and creditor this letter gives. This debt is worked out again from its other letters.
        </p>
        <p>The two debts will not be merged or offered as possible duplicates again. Corrections stay with this debt. You can undo this straight afterwards.</p>
      </ConfirmDialog>
    </>
  );
}

/** Confirms a separation, with an undo that merges the letter's debt back into the debt it left. */
export function SeparatedNotice({ clientId, separation, onDone }: { clientId: string; separation: Separation; onDone: () => void }) {
  const queryClient = useQueryClient();
  const undo = useMutation({
    mutationFn: async (proposalId: string) => {
      await postJson<unknown>(`/api/clients/${clientId}/merge-proposals/${proposalId}/reopen`, {});
      await postJson<unknown>(`/api/clients/${clientId}/merge-proposals/${proposalId}/accept`, {});
    },
    onSuccess: async () => {
      await refreshAfterDebtChange(queryClient, clientId);
      onDone();
    },
  });
  const { proposalId } = separation;

  return (
    <div role="status" className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="debt-separated">
      <span>
        The letter is now a debt of its own: <a href={`#debt-${separation.debtId}`}>open it</a>.
      </span>
      {proposalId && (
        <Button variant="secondary" size="sm" onClick={() => undo.mutate(proposalId)} busy={undo.isPending} data-testid="debt-separated-undo">
          Undo
        </Button>
      )}
      {undo.isError && <ErrorMessage error={undo.error} title="The letter could not be put back." className="w-full" />}
    </div>
  );
}
