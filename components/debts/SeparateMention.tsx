'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { postJson } from '@/lib/client/api';
import { refreshAfterDebtChange } from '@/lib/client/queries';
import type { Debt, MentionView } from '@/lib/client/types';

/**
 * Offers to move one letter out of a debt into a debt of its own, for a letter that resolution or a
 * merge joined to the wrong debt. `onSeparated` receives the new debt's id.
 */
export function SeparateMention({ debt, mention, onSeparated }: { debt: Debt; mention: MentionView; onSeparated: (debtId: string) => void }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const separate = useMutation({
    mutationFn: () => postJson<{ separated: Debt }>(`/api/clients/${debt.clientId}/debts/${debt.id}/separate`, { mentionIds: [mention.id] }),
    onSuccess: async ({ separated }) => {
      setConfirming(false);
      await refreshAfterDebtChange(queryClient, debt.clientId);
      onSeparated(separated.id);
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
        <p>The two debts will not be merged or offered as possible duplicates again. Corrections stay with this debt.</p>
      </ConfirmDialog>
    </>
  );
}
