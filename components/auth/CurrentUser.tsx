'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { CurrentUser } from '@/lib/client/types';

const CurrentUserContext = createContext<CurrentUser | null>(null);

/** Makes the signed-in user, read from the session on the server, available to the screens below. */
export function CurrentUserProvider({ user, children }: { user: CurrentUser | null; children: ReactNode }) {
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
}

/**
 * Returns the signed-in user, or null outside the signed-in screens. It decides what a screen offers,
 * such as admin controls. The server checks every request again.
 */
export function useCurrentUser(): CurrentUser | null {
  return useContext(CurrentUserContext);
}
