import { CopyButton } from '@/components/ui/CopyButton';
import { Notice } from '@/components/ui/Notice';

/**
 * Shows a password the admin just set, once. The server stores only its hash, so the admin passes it
 * on now or sets another later.
 */
export function PasswordToPassOn({ title, email, password, 'data-testid': testId }: { title: string; email: string; password: string; 'data-testid'?: string }) {
  return (
    <Notice tone="success" role="status" title={title} data-testid={testId}>
      <p className="mt-1">Pass these details on to the account&apos;s owner. The password is not shown again once you leave this message.</p>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] items-center gap-x-4 gap-y-1">
        <dt className="font-medium">Email</dt>
        <dd className="font-mono">{email}</dd>
        <dt className="font-medium">Password</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <span className="select-all rounded bg-white px-2 py-0.5 font-mono ring-1 ring-emerald-300" data-testid="password-to-pass-on">
            {password}
          </span>
          <CopyButton text={password} label="Copy password" />
        </dd>
      </dl>
    </Notice>
  );
}
