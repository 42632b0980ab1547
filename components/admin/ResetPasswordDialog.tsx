'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { useCurrentUser } from '@/components/auth/CurrentUser';
import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Notice } from '@/components/ui/Notice';
import { postJson } from '@/lib/client/api';
import { queryKeys } from '@/lib/client/queries';
import { signInPath } from '@/lib/client/session';
import type { Account } from '@/lib/client/types';
import { checkNewPassword, NewPasswordField } from './NewPasswordField';
import { PasswordToPassOn } from './PasswordToPassOn';

/** Sets a new password for an account, which signs it out everywhere, and then shows the password once. */
export function ResetPasswordDialog({ account, onClose }: { account: Account | null; onClose: () => void }) {
  return (
    <Dialog open={account !== null} title={account ? `Set a new password for ${account.name}` : ''} onClose={onClose} data-testid="reset-password-dialog">
      {account && <ResetPasswordForm account={account} onClose={onClose} />}
    </Dialog>
  );
}

function ResetPasswordForm({ account, onClose }: { account: Account; onClose: () => void }) {
  const queryClient = useQueryClient();
  const isSelf = useCurrentUser()?.id === account.id;
  const passwordId = useId();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const reset = useMutation({
    mutationFn: (newPassword: string) => postJson<null>(`/api/admin/users/${account.id}/password`, { password: newPassword }),
    onSuccess: () => {
      // A reset also lifts a lockout, which the Users table shows. Resetting your own password ends
      // this session, so a reload would go to the sign-in page before the password is copied.
      if (!isSelf) void queryClient.invalidateQueries({ queryKey: queryKeys.accounts });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkNewPassword(password);
    setProblem(found);
    if (!found) reset.mutate(password);
  }

  if (reset.isSuccess) {
    return (
      <div className="mt-3 space-y-4">
        <PasswordToPassOn title="Password changed" email={account.email} password={reset.variables} data-testid="reset-password-done" />
        {isSelf ? (
          <>
            <p className="text-sm text-slate-700">You have been signed out everywhere, here too. Copy the password, then sign in again with it.</p>
            <div className="flex justify-end">
              <Button onClick={() => window.location.assign(signInPath('/admin/users'))} data-testid="reset-password-sign-in">
                Sign in again
              </Button>
            </div>
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700">{account.name} has been signed out everywhere and must sign in with this password.</p>
            <div className="flex justify-end">
              <Button onClick={onClose} data-testid="reset-password-close">
                Done
              </Button>
            </div>
          </>
        )}
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="mt-3 space-y-4" noValidate data-testid="reset-password-form">
      {isSelf ? (
        <Notice tone="warning" data-testid="reset-password-self">
          This is your own account. Setting a password here signs you out on every browser and device, this one too, and you will need the new password to sign in again. To stay
          signed in, use <Link href="/account">Change password</Link> instead.
        </Notice>
      ) : (
        <p className="text-sm text-slate-700">
          {account.name} ({account.email}) will be signed out on every browser and device and will need the new password to sign in.
        </p>
      )}
      <NewPasswordField id={passwordId} label="New password" value={password} onChange={setPassword} error={problem} testIdPrefix="reset-password" />
      {reset.isError && <ErrorMessage error={reset.error} title="The password was not changed." />}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={reset.isPending}>
          Cancel
        </Button>
        <Button type="submit" busy={reset.isPending} data-testid="reset-password-submit">
          Set password
        </Button>
      </div>
    </form>
  );
}
