'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { readTabItem, removeLegacyLetterDraft, removeTabItem, writeTabItem } from '@/lib/client/tabStorage';

export type LetterDraft = { clientName: string; clientId: string; notes: string };

const STORAGE_KEY = 'letter-draft';
const emptyDraft: LetterDraft = { clientName: '', clientId: '', notes: '' };

function readDraft(): LetterDraft {
  const stored = readTabItem(STORAGE_KEY);
  if (typeof stored !== 'object' || stored === null) return emptyDraft;
  const parsed = stored as Partial<LetterDraft>;
  return {
    clientName: typeof parsed.clientName === 'string' ? parsed.clientName : '',
    clientId: typeof parsed.clientId === 'string' ? parsed.clientId : '',
    notes: typeof parsed.notes === 'string' ? parsed.notes : '',
  };
}

/** Writes the draft, or removes it when the form is empty. Returns false when the browser rejected the write. */
function writeDraft(draft: LetterDraft): boolean {
  if (draft.clientName || draft.notes || draft.clientId) return writeTabItem(STORAGE_KEY, draft);
  removeTabItem(STORAGE_KEY);
  return true;
}

const subscribeToNothing = () => () => {};

/**
 * Keeps the letter form's fields in sessionStorage, so a reload or Back in the same tab loses nothing
 * typed, while closing the tab or signing out removes the notes from the shared computer.
 * The server render has no sessionStorage, so the stored draft is shown once the page has hydrated.
 * `saved` is false when the browser rejected the write, for example with storage disabled.
 */
export function useLetterDraft() {
  const loaded = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const [edited, setEdited] = useState<LetterDraft | null>(null);
  const [saved, setSaved] = useState(true);
  const draft = edited ?? (loaded ? readDraft() : emptyDraft);

  useEffect(removeLegacyLetterDraft, []);

  const replace = (next: LetterDraft) => {
    setEdited(next);
    setSaved(writeDraft(next));
  };
  const update = (change: Partial<LetterDraft>) => replace({ ...draft, ...change });
  const clear = () => replace(emptyDraft);

  return { draft, update, clear, loaded, saved };
}

const LETTER_KEY = 'letter-written';

/** Returns the letter last written in this tab, as stored, for the letter screen to check and restore. */
export function readWrittenLetter(): unknown {
  return readTabItem(LETTER_KEY);
}

/** Keeps the letter written in this tab, with the advisor's edits and its checks, or removes it with null. */
export function storeWrittenLetter(letter: object | null): void {
  if (letter === null) removeTabItem(LETTER_KEY);
  else writeTabItem(LETTER_KEY, letter);
}
