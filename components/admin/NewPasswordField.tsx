'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { describedBy, Field, TextInput } from '@/components/ui/Field';
import { generatePassword, MIN_PASSWORD_LENGTH } from '@/lib/client/password';

type NewPasswordFieldProps = {
  id: string;
  label: string;
  value: string;
  onChange: (password: string) => void;
  error?: string | null;
  /** Prefix of the data-testids: `<prefix>-password`, `<prefix>-generate`, `<prefix>-show`. */
  testIdPrefix: string;
};

/**
 * Renders the field for a password an admin sets for someone else, with a button that generates a
 * strong one. The password is visible after generating, so the admin can read it out or copy it.
 */
export function NewPasswordField({ id, label, value, onChange, error, testIdPrefix }: NewPasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  const hint = `At least ${MIN_PASSWORD_LENGTH} characters. Generate one, then pass it on to its owner, who can change it under "Change password".`;

  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <div className="flex flex-wrap gap-2">
        <TextInput
          id={id}
          type={visible ? 'text' : 'password'}
          autoComplete="new-password"
          spellCheck={false}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          className="min-w-0 flex-1 font-mono"
          {...describedBy(id, { hint, error })}
          data-testid={`${testIdPrefix}-password`}
        />
        <Button
          variant="secondary"
          onClick={() => {
            onChange(generatePassword());
            setVisible(true);
          }}
          data-testid={`${testIdPrefix}-generate`}
        >
          Generate
        </Button>
        <Button variant="ghost" onClick={() => setVisible((shown) => !shown)} aria-pressed={visible} data-testid={`${testIdPrefix}-show`}>
          {visible ? 'Hide' : 'Show'}
        </Button>
      </div>
    </Field>
  );
}

/** Returns why a password an admin typed cannot be used, or null. */
export function checkNewPassword(password: string): string | null {
  if (!password) return 'Enter a password, or generate one.';
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters; this one has ${password.length}.`;
  return null;
}
