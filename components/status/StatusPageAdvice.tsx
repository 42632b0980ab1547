'use client';

import Link from 'next/link';
import { useCurrentUser } from '@/components/auth/CurrentUser';

/** Renders advice to check the Status page: an advisor is asked to get an admin to check it, and an admin is pointed to it. */
export function StatusPageAdvice() {
  const isAdmin = useCurrentUser()?.role === 'admin';
  if (isAdmin) {
    return (
      <>
        The <Link href="/status">Status page</Link> shows which server is down.
      </>
    );
  }
  return (
    <>
      If it keeps happening, ask an admin to check the <Link href="/status">Status page</Link>.
    </>
  );
}
