'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { useCurrentUser } from '@/components/auth/CurrentUser';
import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { describedBy, Field, TextInput } from '@/components/ui/Field';
import { sendJson } from '@/lib/client/api';
import { queryKeys } from '@/lib/client/queries';
import type { Account } from '@/lib/client/types';
import { checkAccountDetails, type AccountDetailProblems } from './checkAccountDetails';

/** Corrects an account's name or email address. The password and role stay as they are. */
export function EditAccountDialog({ account, onClose }: { account: Account | null; onClose: () => void }) {
  return (
    <Dialog open={account !== null} title={account ? `Change the name or email of ${account.name}` : ''} onClose={onClose} data-testid="edit-account-dialog">
      {account && <EditAccountForm account={account} onClose={onClose} />}
    </Dialog>
  );
}

function EditAccountForm({ account, onClose }: { account: Account; onClose: () => void }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const isSelf = useCurrentUser()?.id === account.id;
  const nameId = useId();
  const emailId = useId();
  const [name, setName] = useState(account.name);
  const [email, setEmail] = useState(account.email);
  const [problems, setProblems] = useState<AccountDetailProblems>({});

  const save = useMutation({
    mutationFn: (change: { name?: string; email?: string }) => sendJson<Account>('PATCH', `/api/admin/users/${account.id}`, change),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.accounts });
      void queryClient.invalidateQueries({ queryKey: queryKeys.advisors });
      // The header shows the signed-in user's name, which the server renders.
      if (isSelf) router.refresh();
      onClose();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkAccountDetails(name, email);
    setProblems(found);
    if (Object.keys(found).length > 0) return;

    // Only what changed is sent, so the audit log records only those fields as changed.
    const change: { name?: string; email?: string } = {};
    if (name.trim() !== account.name) change.name = name.trim();
    if (email.trim().toLowerCase() !== account.email) change.email = email.trim();
    if (Object.keys(change).length === 0) onClose();
    else save.mutate(change);
  }

  const emailHint = isSelf ? 'You sign in with this address from now on. Your password stays the same.' : `${account.name} signs in with this address from now on. Their password stays the same.`;
  return (
    <form onSubmit={submit} className="mt-3 space-y-4" noValidate data-testid="edit-account-form">
      <Field id={nameId} label="Name" error={problems.name}>
        <TextInput id={nameId} value={name} maxLength={200} autoComplete="off" onChange={(event) => setName(event.target.value)} {...describedBy(nameId, { error: problems.name })} data-testid="edit-account-name" />
      </Field>
      <Field id={emailId} label="Email address" hint={emailHint} error={problems.email}>
        <TextInput
          id={emailId}
          type="email"
          value={email}
          maxLength={320}
          autoComplete="off"
          onChange={(event) => setEmail(event.target.value)}
          {...describedBy(emailId, { hint: emailHint, error: problems.email })}
          data-testid="edit-account-email"
        />
      </Field>
      {save.isError && <ErrorMessage error={save.error} title="The account was not changed." data-testid="edit-account-error" />}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={save.isPending}>
          Cancel
        </Button>
        <Button type="submit" busy={save.isPending} data-testid="edit-account-submit">
          Save
        </Button>
      </div>
    </form>
  );
}
