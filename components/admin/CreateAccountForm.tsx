'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { describedBy, Field, Select, TextInput } from '@/components/ui/Field';
import { postJson } from '@/lib/client/api';
import { roleLabels } from '@/lib/client/format';
import { queryKeys } from '@/lib/client/queries';
import type { Account, Role } from '@/lib/client/types';
import { checkAccountDetails, type AccountDetailProblems } from './checkAccountDetails';
import { checkNewPassword, NewPasswordField } from './NewPasswordField';
import { PasswordToPassOn } from './PasswordToPassOn';

type Problems = AccountDetailProblems & { password?: string | null };

function checkAccount(name: string, email: string, password: string): Problems {
  const problems: Problems = checkAccountDetails(name, email);
  const passwordProblem = checkNewPassword(password);
  if (passwordProblem) problems.password = passwordProblem;
  return problems;
}

/** Adds an advisor or admin account with an initial password, then shows that password once. */
export function CreateAccountForm() {
  const queryClient = useQueryClient();
  const nameId = useId();
  const emailId = useId();
  const roleId = useId();
  const passwordId = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('advisor');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [created, setCreated] = useState<{ account: Account; password: string } | null>(null);

  const create = useMutation({
    mutationFn: (input: { name: string; email: string; role: Role; password: string }) => postJson<Account>('/api/admin/users', input),
    onSuccess: (account, input) => {
      setCreated({ account, password: input.password });
      setName('');
      setEmail('');
      setRole('advisor');
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.accounts });
      void queryClient.invalidateQueries({ queryKey: queryKeys.advisors });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkAccount(name, email, password);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setCreated(null);
    create.mutate({ name: name.trim(), email: email.trim(), role, password });
  }

  return (
    <div className="space-y-4">
      {created && (
        <div className="space-y-2">
          <PasswordToPassOn title={`Account created for ${created.account.name}`} email={created.account.email} password={created.password} data-testid="account-created" />
          <Button variant="secondary" size="sm" onClick={() => setCreated(null)} data-testid="account-created-done">
            Done: hide the password
          </Button>
        </div>
      )}
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate data-testid="create-account-form">
        <Field id={nameId} label="Name" error={problems.name}>
          <TextInput id={nameId} value={name} maxLength={200} autoComplete="off" onChange={(event) => setName(event.target.value)} {...describedBy(nameId, { error: problems.name })} data-testid="create-account-name" />
        </Field>
        <Field id={emailId} label="Email address" error={problems.email}>
          <TextInput id={emailId} type="email" value={email} maxLength={320} autoComplete="off" onChange={(event) => setEmail(event.target.value)} {...describedBy(emailId, { error: problems.email })} data-testid="create-account-email" />
        </Field>
        <Field id={roleId} label="Role" hint="Admins also manage accounts, settings and the audit log, and see every client.">
          <Select id={roleId} value={role} onChange={(event) => setRole(event.target.value as Role)} {...describedBy(roleId, { hint: true })} data-testid="create-account-role">
            <option value="advisor">{roleLabels.advisor}</option>
            <option value="admin">{roleLabels.admin}</option>
          </Select>
        </Field>
        <NewPasswordField id={passwordId} label="Initial password" value={password} onChange={setPassword} error={problems.password} testIdPrefix="create-account" />
        {create.isError && <ErrorMessage error={create.error} title="The account was not created." className="sm:col-span-2" data-testid="create-account-error" />}
        <div className="sm:col-span-2">
          <Button type="submit" busy={create.isPending} data-testid="create-account-submit">
            Add account
          </Button>
        </div>
      </form>
    </div>
  );
}
