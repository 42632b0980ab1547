/**
 * Client data kept in this browser tab only: sessionStorage survives a reload and Back but is gone
 * when the tab closes, and no other tab or later user of a shared computer can read it. Every key
 * starts with one prefix, so signing out can clear them all.
 */

const PREFIX = 'rma-advisor.';

/** The letter draft's key before it moved to sessionStorage; localStorage outlives the tab, so it is removed. */
const LEGACY_LETTER_DRAFT_KEY = 'rma-advisor.letter-draft';

/** Returns the stored value parsed as JSON, or null when there is none, it is unreadable or storage is disabled. */
export function readTabItem(key: string): unknown {
  try {
    const stored = window.sessionStorage.getItem(PREFIX + key);
    return stored === null ? null : (JSON.parse(stored) as unknown);
  } catch {
    // Storage can be disabled or hold something unreadable, so the screen starts empty instead.
    return null;
  }
}

/** Stores a value as JSON and returns false when the browser rejected the write, e.g. storage disabled or full. */
export function writeTabItem(key: string, value: unknown): boolean {
  try {
    window.sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeTabItem(key: string): void {
  try {
    window.sessionStorage.removeItem(PREFIX + key);
  } catch {
    // With storage disabled nothing was stored, so there is nothing to remove.
  }
}

/** Removes everything this app keeps in the tab, and the letter draft older versions kept in localStorage. Called on sign-out. */
export function clearTabStorage(): void {
  try {
    const keys = Array.from({ length: window.sessionStorage.length }, (_, index) => window.sessionStorage.key(index));
    for (const key of keys) {
      if (key?.startsWith(PREFIX)) window.sessionStorage.removeItem(key);
    }
    window.localStorage.removeItem(LEGACY_LETTER_DRAFT_KEY);
  } catch {
    // With storage disabled nothing was stored, so there is nothing to clear.
  }
}

/** Removes the letter draft that older versions kept in localStorage, where it outlived the tab. */
export function removeLegacyLetterDraft(): void {
  try {
    window.localStorage.removeItem(LEGACY_LETTER_DRAFT_KEY);
  } catch {
    // With storage disabled there is no old draft either.
  }
}

const OWNER_KEY = 'owner';

/**
 * Records which user the tab's stored data belongs to, clearing it first when it belonged to someone
 * else or to nobody known. A session can end without a sign-out (it expires, or the account is
 * disabled), so the next person to sign in at that tab must not see the previous user's questions,
 * answers or letter notes. A null user clears everything.
 */
export function claimTabStorage(userId: string | null): void {
  if (userId !== null && readTabItem(OWNER_KEY) === userId) return;
  clearTabStorage();
  if (userId !== null) writeTabItem(OWNER_KEY, userId);
}
