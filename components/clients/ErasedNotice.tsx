'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/Button';
import { Notice } from '@/components/ui/Notice';
import { readTabItem, removeTabItem, writeTabItem } from '@/lib/client/tabStorage';

// The client's name travels in the tab's storage, never in the address, so it stays out of the
// browser history and the server's request logs. The address only carries ?erased=1.
const STORAGE_KEY = 'erased-client-notice';

/** The address of the client list that shows the notice saved by rememberErasedClient. */
export const clientsAfterErasurePath = '/clients?erased=1';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function readNotice(): string | null {
  const stored = readTabItem(STORAGE_KEY);
  return typeof stored === 'string' ? stored : null;
}

/** Saves the confirmation the client list shows after an erasure. */
export function rememberErasedClient(name: string): void {
  writeTabItem(STORAGE_KEY, `${name} and all their documents were erased.`);
}

/**
 * Confirms an erasure on the client list. It shows only when the address carries ?erased=1, so a
 * later visit to the list does not repeat it. That visit also removes the saved name from the tab.
 */
export function ErasedNotice({ requested }: { requested: boolean }) {
  const router = useRouter();
  const message = useSyncExternalStore(subscribe, () => (requested ? readNotice() : null), () => null);

  useEffect(() => {
    if (!requested) removeTabItem(STORAGE_KEY);
  }, [requested]);

  if (!message) return null;

  function dismiss() {
    removeTabItem(STORAGE_KEY);
    for (const listener of listeners) listener();
    router.replace('/clients', { scroll: false });
  }

  return (
    <Notice tone="success" role="status" className="flex flex-wrap items-center justify-between gap-2" data-testid="client-erased-notice">
      <span>{message}</span>
      <Button variant="ghost" size="sm" onClick={dismiss} data-testid="client-erased-notice-dismiss">
        Dismiss
      </Button>
    </Notice>
  );
}
