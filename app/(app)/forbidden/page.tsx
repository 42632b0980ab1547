import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Admin account needed' };

/** Tells a signed-in advisor who opened an admin page that they need an admin account. requirePageUser redirects here. */
export default async function ForbiddenPage() {
  // Returning here after signing in would show nothing useful, so the sign-in page returns to the clients.
  const user = await requirePageUser({ next: '/clients' });
  return (
    <div className="max-w-2xl space-y-3" data-testid="forbidden">
      <h1>You need an admin account</h1>
      <p className="text-sm text-slate-700">
        You are signed in as {user.name}, an advisor. Managing accounts, settings and the audit log is for admins only. If you need something changed, ask your centre&apos;s admin.
      </p>
      <Link href="/clients">Go to clients</Link>
    </div>
  );
}
