'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { isFinished } from '@/lib/client/format';
import { fetchDocument, queryKeys, storeDocumentView, type DocumentScope } from '@/lib/client/queries';
import type { DocumentDetail } from '@/lib/client/types';

const POLL_MS = 1_500;

/**
 * Follows one unfinished document's progress through its server-sent events and writes each update
 * into the query cache. When the event stream fails, it polls the document instead.
 */
export function useDocumentProgress(documentId: string, scope: DocumentScope, enabled: boolean): void {
  const queryClient = useQueryClient();
  const [streamFailed, setStreamFailed] = useState(false);
  const clientId = scope.kind === 'client' ? scope.clientId : null;
  const stableScope = useMemo<DocumentScope>(() => (clientId ? { kind: 'client', clientId } : { kind: 'knowledge' }), [clientId]);

  useEffect(() => {
    if (!enabled || streamFailed) return;
    const source = new EventSource(`/api/documents/${documentId}/events`);
    let finished = false;

    source.addEventListener('progress', (event) => {
      const view = JSON.parse((event as MessageEvent<string>).data) as DocumentDetail;
      storeDocumentView(queryClient, stableScope, view);
      if (isFinished(view.status)) {
        finished = true;
        source.close();
      }
    });
    // Fires both for the server's own "error" event and for a dropped connection. EventSource would
    // reconnect by itself, but polling is simpler to reason about and ends when the document does.
    source.addEventListener('error', () => {
      source.close();
      if (!finished) setStreamFailed(true);
    });
    return () => source.close();
  }, [documentId, enabled, streamFailed, queryClient, stableScope]);

  const polled = useQuery({
    queryKey: queryKeys.document(documentId),
    queryFn: () => fetchDocument(documentId),
    enabled: enabled && streamFailed,
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data.status) ? false : POLL_MS),
  });

  useEffect(() => {
    if (polled.data && streamFailed) storeDocumentView(queryClient, stableScope, polled.data);
  }, [polled.data, streamFailed, queryClient, stableScope]);
}
