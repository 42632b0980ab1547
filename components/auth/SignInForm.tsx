'use client';

import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Field, TextInput } from '@/components/ui/Field';
import { signIn } from '@/lib/client/auth';
import { claimTabStorage } from '@/lib/client/tabStorage';

/**
 * Signs an advisor or admin in and then loads `next`, a path on this site that the server page has
 * already checked. The page is loaded afresh so the header reads the new session.
 */
export function SignInForm({ next }: { next: string }) {
  const emailId = useId();
  const passwordId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email address and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await signIn(email.trim(), password);
      claimTabStorage(result?.user?.id ?? null);
      window.location.assign(next);
    } catch (failure) {
      setError(failure);
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1>Sign in</h1>
      <Card>
        <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate data-testid="sign-in-form">
          <Field id={emailId} label="Email address">
            <TextInput id={emailId} type="email" autoComplete="username" autoFocus required value={email} onChange={(event) => setEmail(event.target.value)} data-testid="sign-in-email" />
          </Field>
          <Field id={passwordId} label="Password">
            <TextInput id={passwordId} type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} data-testid="sign-in-password" />
          </Field>
          {error !== null && <ErrorMessage error={error} data-testid="sign-in-error" />}
          <Button type="submit" busy={busy} className="w-full" data-testid="sign-in-submit">
            Sign in
          </Button>
        </form>
      </Card>
      <p className="text-sm text-slate-600">
        New to RMA Advisor? Accounts are created by your centre&apos;s admin: ask them for one. If you have forgotten your password, your admin can set a new one.
      </p>
    </div>
  );
}
