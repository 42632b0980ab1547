'use client';

import { useState, useSyncExternalStore } from 'react';

export type LetterDraft = { clientName: string; clientId: string; notes: string };

const STORAGE_KEY = 'rma-advisor.letter-draft';
const emptyDraft: LetterDraft = { clientName: '', clientId: '', notes: '' };

function readDraft(): LetterDraft {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (!stored) return emptyDraft;
    const parsed = JSON.parse(stored) as Partial<LetterDraft>;
    return {
      clientName: typeof parsed.clientName === 'string' ? parsed.clientName : '',
      clientId: typeof parsed.clientId === 'string' ? parsed.clientId : '',
      notes: typeof parsed.notes === 'string' ? parsed.notes : '',
    };
  } catch {
    // Storage can be disabled or hold something unreadable; starting with an empty form is the only option.
    return emptyDraft;
  }
}

/** Writes the draft, or removes it when the form is empty; returns false when the browser rejected the write. */
function writeDraft(draft: LetterDraft): boolean {
  try {
    if (draft.clientName || draft.notes || draft.clientId) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(draft));
    else window.localStorage.removeItem(STORAGE_KEY);
    return true;
  } catch {
    return false;
  }
}

const subscribeToNothing = () => () => {};

/**
 * Keeps the letter form's fields in localStorage, so a reload or a closed tab loses nothing typed.
 * The server render has no localStorage, so the stored draft is shown once the page has hydrated.
 * `saved` is false when the browser rejected the write, for example with storage disabled.
 */
export function useLetterDraft() {
  const loaded = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const [edited, setEdited] = useState<LetterDraft | null>(null);
  const [saved, setSaved] = useState(true);
  const draft = edited ?? (loaded ? readDraft() : emptyDraft);

  const replace = (next: LetterDraft) => {
    setEdited(next);
    setSaved(writeDraft(next));
  };
  const update = (change: Partial<LetterDraft>) => replace({ ...draft, ...change });
  const clear = () => replace(emptyDraft);

  return { draft, update, clear, loaded, saved };
}
