'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { errorMessage } from '@/lib/client/api';
import { signOut } from '@/lib/client/auth';
import { clearTabStorage } from '@/lib/client/tabStorage';

/**
 * Signs out and loads the sign-in page afresh, so nothing the previous user fetched stays in the
 * page's memory or query cache. The questions, answers and letter notes kept in the tab are removed too.
 */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function signOutNow() {
    setBusy(true);
    setProblem(null);
    try {
      await signOut();
      clearTabStorage();
      // A full load, unlike router.push, drops the query cache that contains the previous user's data.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign('/sign-in');
    } catch (error) {
      setProblem(errorMessage(error));
      setBusy(false);
    }
  }

  return (
    <>
      <Button variant="ghost" size="sm" busy={busy} onClick={() => void signOutNow()} data-testid="sign-out">
        Sign out
      </Button>
      {problem && (
        <p role="alert" className="basis-full text-xs text-red-800">
          {problem}
        </p>
      )}
    </>
  );
}
