'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useCurrentUser } from '@/components/auth/CurrentUser';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Table } from '@/components/ui/Table';
import { Loading } from '@/components/ui/Loading';
import { postJson, sendJson } from '@/lib/client/api';
import { formatDateTime, formatTime, roleLabels } from '@/lib/client/format';
import { fetchAccounts, queryKeys } from '@/lib/client/queries';
import type { Account, AccountWithLockout, Role } from '@/lib/client/types';
import { CreateAccountForm } from './CreateAccountForm';
import { EditAccountDialog } from './EditAccountDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';

/** A change to an account that waits for the admin's confirmation. */
type PendingChange = { account: Account; change: { role: Role } | { disabled: boolean } };

/** Lists the centre's accounts and lets an admin add accounts, correct names and emails, change roles, disable accounts and set passwords. */
export function UserAdmin() {
  return (
    <div className="space-y-6">
      <div>
        <h1>Users</h1>
        <p className="mt-1 text-sm text-slate-600">Advisor and admin accounts. People cannot sign up themselves: add an account here and pass its password on.</p>
      </div>
      <Card title="Add an account">
        <CreateAccountForm />
      </Card>
      <Card title="Accounts">
        <AccountTable />
      </Card>
    </div>
  );
}

function AccountTable() {
  const queryClient = useQueryClient();
  const currentUser = useCurrentUser();
  const accounts = useQuery({ queryKey: queryKeys.accounts, queryFn: fetchAccounts });
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [editing, setEditing] = useState<Account | null>(null);

  const unlock = useMutation({
    mutationFn: (account: Account) => postJson<null>(`/api/admin/users/${account.id}/unlock`, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.accounts }),
  });

  const update = useMutation({
    mutationFn: ({ account, change }: PendingChange) => sendJson<Account>('PATCH', `/api/admin/users/${account.id}`, change),
    onSuccess: (account) => {
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.accounts });
      void queryClient.invalidateQueries({ queryKey: queryKeys.advisors });
      // An admin who made themselves an advisor can no longer use this page. A full load of the clients
      // renders the header again without the admin sections.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      if (account.id === currentUser?.id && account.role !== 'admin') window.location.assign('/clients');
    },
  });

  function closeDialog() {
    setPending(null);
    update.reset();
  }

  if (accounts.isPending) return <Loading label="Loading accounts…" />;
  if (accounts.isError) return <ErrorMessage error={accounts.error} title="The accounts could not be loaded." onRetry={() => void accounts.refetch()} />;
  if (accounts.data.users.length === 0) return <EmptyState title="No accounts yet" data-testid="accounts-empty" />;

  return (
    <>
      {unlock.isError && <ErrorMessage error={unlock.error} title="The account could not be unlocked." />}
      <Table columns={['Name', 'Email', 'Role', 'Status', 'Created', { label: 'Actions', hidden: true }]} data-testid="accounts-table">
        {accounts.data.users.map((account) => (
          <AccountRow
            key={account.id}
            account={account}
            isSelf={account.id === currentUser?.id}
            onChangeRole={(role) => setPending({ account, change: { role } })}
            onSetDisabled={(disabled) => setPending({ account, change: { disabled } })}
            onEdit={() => setEditing(account)}
            onResetPassword={() => setResetting(account)}
            onUnlock={() => unlock.mutate(account)}
            unlocking={unlock.isPending && unlock.variables?.id === account.id}
          />
        ))}
      </Table>

      <ConfirmDialog
        open={pending !== null}
        title={pending ? changeTitle(pending) : ''}
        confirmLabel={pending ? changeLabel(pending) : ''}
        tone={pending && 'disabled' in pending.change && pending.change.disabled ? 'danger' : 'primary'}
        busy={update.isPending}
        error={update.isError ? update.error : undefined}
        onConfirm={() => pending && update.mutate(pending)}
        onCancel={closeDialog}
        data-testid="account-change-dialog"
      >
        {pending && <ChangeExplanation pending={pending} isSelf={pending.account.id === currentUser?.id} />}
      </ConfirmDialog>

      <EditAccountDialog account={editing} onClose={() => setEditing(null)} />
      <ResetPasswordDialog account={resetting} onClose={() => setResetting(null)} />
    </>
  );
}

type AccountRowProps = {
  account: AccountWithLockout;
  isSelf: boolean;
  onChangeRole: (role: Role) => void;
  onSetDisabled: (disabled: boolean) => void;
  onEdit: () => void;
  onResetPassword: () => void;
  onUnlock: () => void;
  unlocking: boolean;
};

function AccountRow({ account, isSelf, onChangeRole, onSetDisabled, onEdit, onResetPassword, onUnlock, unlocking }: AccountRowProps) {
  // A button, not a drop-down, changes the role: arrow keys on a drop-down would ask at every step.
  const otherRole: Role = account.role === 'admin' ? 'advisor' : 'admin';
  return (
    <tr className="border-b border-slate-200 align-middle" data-testid="account-row" data-account-id={account.id} data-email={account.email} data-disabled={account.disabled}>
      <td className="py-2 pr-3 font-medium">
        {account.name}
        {isSelf && <span className="ml-1 text-xs font-normal text-slate-600">(you)</span>}
      </td>
      <td className="py-2 pr-3">{account.email}</td>
      <td className="py-2 pr-3">
        <span className="flex flex-wrap items-center gap-1">
          <span data-testid="account-role" data-role={account.role}>
            {roleLabels[account.role]}
          </span>
          <Button variant="ghost" size="sm" onClick={() => onChangeRole(otherRole)} aria-label={`Make ${account.name} ${otherRole === 'admin' ? 'an admin' : 'an advisor'}`} data-testid="account-role-change">
            {otherRole === 'admin' ? 'Make admin…' : 'Make advisor…'}
          </Button>
        </span>
      </td>
      <td className="py-2 pr-3">
        <AccountStatus account={account} />
      </td>
      <td className="py-2 pr-3 whitespace-nowrap text-slate-600">{formatDateTime(account.createdAt)}</td>
      <td className="py-2">
        <div className="flex flex-wrap items-center justify-end gap-1">
          <Link href={`/admin/audit?actorId=${account.id}`} className="rounded-md px-2.5 py-1 text-sm font-medium hover:bg-teal-50" aria-label={`Activity of ${account.name} in the audit log`} data-testid="account-activity">
            Activity
          </Link>
          {account.lockedUntil && (
            <Button variant="ghost" size="sm" onClick={onUnlock} busy={unlocking} aria-label={`Unlock ${account.name} now`} data-testid="account-unlock">
              Unlock
            </Button>
          )}
          <Button variant="ghost" size="sm" onClick={onEdit} aria-label={`Change the name or email of ${account.name}`} data-testid="account-edit">
            Edit…
          </Button>
          <Button variant="ghost" size="sm" onClick={onResetPassword} aria-label={`Set a new password for ${account.name}`} data-testid="account-reset-password">
            Reset password…
          </Button>
          {!isSelf &&
            (account.disabled ? (
              <Button variant="ghost" size="sm" onClick={() => onSetDisabled(false)} aria-label={`Enable ${account.name}`} data-testid="account-enable">
                Enable…
              </Button>
            ) : (
              <Button variant="ghost" size="sm" onClick={() => onSetDisabled(true)} aria-label={`Disable ${account.name}`} data-testid="account-disable">
                Disable…
              </Button>
            ))}
        </div>
      </td>
    </tr>
  );
}

/** Disabled, locked out after failed sign-ins (until when), or active. */
function AccountStatus({ account }: { account: AccountWithLockout }) {
  if (account.disabled) {
    return (
      <Badge tone="danger" data-testid="account-status">
        Disabled
      </Badge>
    );
  }
  if (account.lockedUntil) {
    return (
      <span className="flex flex-col items-start gap-0.5">
        <Badge tone="warning" data-testid="account-status">
          Locked out
        </Badge>
        <span className="text-xs text-slate-600" data-testid="account-locked-until">
          after failed sign-ins, until {formatTime(account.lockedUntil)}
        </span>
      </span>
    );
  }
  return (
    <Badge tone="success" data-testid="account-status">
      Active
    </Badge>
  );
}

function changeTitle({ account, change }: PendingChange): string {
  if ('role' in change) return change.role === 'admin' ? `Make ${account.name} an admin?` : `Make ${account.name} an advisor?`;
  return change.disabled ? `Disable ${account.name}?` : `Enable ${account.name}?`;
}

function changeLabel({ change }: PendingChange): string {
  if ('role' in change) return change.role === 'admin' ? 'Make admin' : 'Make advisor';
  return change.disabled ? 'Disable account' : 'Enable account';
}

function ChangeExplanation({ pending: { account, change }, isSelf }: { pending: PendingChange; isSelf: boolean }) {
  if ('role' in change) {
    if (change.role === 'admin') return <p>{account.name} will be able to manage accounts, change settings, read the audit log and see every client.</p>;
    return (
      <>
        <p>{account.name} will lose the admin pages and will see only the clients assigned to them, unless advisors may see all clients.</p>
        {isSelf && <p className="font-medium">This is your own account: you will lose access to this page.</p>}
      </>
    );
  }
  if (change.disabled) {
    return <p>{account.name} will be signed out at once and cannot sign in until the account is enabled again. Their client assignments and audit history stay.</p>;
  }
  return <p>{account.name} will be able to sign in again with their current password.</p>;
}
