'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { describedBy, Field, TextInput } from '@/components/ui/Field';
import { Notice } from '@/components/ui/Notice';
import { changePassword } from '@/lib/client/auth';
import { roleLabels } from '@/lib/client/format';
import { MIN_PASSWORD_LENGTH } from '@/lib/client/password';
import type { CurrentUser } from '@/lib/client/types';

/** Shows the signed-in user's account and lets them change their password. */
export function AccountScreen({ user }: { user: CurrentUser }) {
  return (
    <div className="max-w-2xl space-y-6">
      <h1>Your account</h1>
      <Card title="Account">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm" data-testid="account-details">
          <dt className="font-medium text-slate-700">Name</dt>
          <dd>{user.name}</dd>
          <dt className="font-medium text-slate-700">Email</dt>
          <dd>{user.email}</dd>
          <dt className="font-medium text-slate-700">Role</dt>
          <dd>{roleLabels[user.role]}</dd>
        </dl>
        <p className="mt-3 text-xs text-slate-600">Ask an admin to change your name, email address or role.</p>
      </Card>
      <Card title="Change password" description="Changing your password signs you out on every other browser and device. This one stays signed in.">
        <ChangePasswordForm />
      </Card>
    </div>
  );
}

type Problems = { current?: string; next?: string; confirm?: string };

function checkPasswords(current: string, next: string, confirm: string): Problems {
  const problems: Problems = {};
  if (!current) problems.current = 'Enter your current password.';
  if (next.length < MIN_PASSWORD_LENGTH) problems.next = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  else if (next === current) problems.next = 'The new password must differ from the current one.';
  if (confirm !== next) problems.confirm = 'The two new passwords differ. Type the same password in both.';
  return problems;
}

function ChangePasswordForm() {
  const currentId = useId();
  const nextId = useId();
  const confirmId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problems>({});

  const change = useMutation({
    mutationFn: () => changePassword(current, next),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirm('');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkPasswords(current, next, confirm);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    change.mutate();
  }

  const nextHint = `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`;
  return (
    <form onSubmit={submit} className="max-w-sm space-y-4" noValidate data-testid="change-password-form">
      <Field id={currentId} label="Current password" error={problems.current}>
        <TextInput id={currentId} type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} {...describedBy(currentId, { error: problems.current })} data-testid="change-password-current" />
      </Field>
      <Field id={nextId} label="New password" hint={nextHint} error={problems.next}>
        <TextInput id={nextId} type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} {...describedBy(nextId, { hint: nextHint, error: problems.next })} data-testid="change-password-new" />
      </Field>
      <Field id={confirmId} label="New password again" error={problems.confirm}>
        <TextInput id={confirmId} type="password" autoComplete="new-password" value={confirm} onChange={(event) => setConfirm(event.target.value)} {...describedBy(confirmId, { error: problems.confirm })} data-testid="change-password-confirm" />
      </Field>
      {change.isError && <ErrorMessage error={change.error} data-testid="change-password-error" />}
      {change.isSuccess && (
        <Notice tone="success" role="status" data-testid="change-password-done">
          Your password has been changed. Other browsers and devices have been signed out.
        </Notice>
      )}
      <Button type="submit" busy={change.isPending} data-testid="change-password-submit">
        Change password
      </Button>
    </form>
  );
}
