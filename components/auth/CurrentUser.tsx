'use client';

import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { claimTabStorage } from '@/lib/client/tabStorage';
import type { CurrentUser } from '@/lib/client/types';

const CurrentUserContext = createContext<CurrentUser | null>(null);

/**
 * Makes the signed-in user, read from the session on the server, available to the screens below.
 * It also marks the tab's stored questions and notes as this user's, for a tab signed in before
 * sign-in recorded the owner.
 */
export function CurrentUserProvider({ user, children }: { user: CurrentUser | null; children: ReactNode }) {
  const userId = user?.id ?? null;
  useEffect(() => {
    if (userId) claimTabStorage(userId);
  }, [userId]);

  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
}

/**
 * Returns the signed-in user, or null outside the signed-in screens. It decides what a screen offers,
 * such as admin controls. The server checks every request again.
 */
export function useCurrentUser(): CurrentUser | null {
  return useContext(CurrentUserContext);
}
