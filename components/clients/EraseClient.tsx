'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { Field, Select, TextInput } from '@/components/ui/Field';
import { deleteResource } from '@/lib/client/api';
import { erasureReasonLabels, plural } from '@/lib/client/format';
import { queryKeys } from '@/lib/client/queries';
import type { ClientDetail, ErasureReason } from '@/lib/client/types';
import { clientsAfterErasurePath, rememberErasedClient } from './ErasedNotice';

type EraseClientProps = { clientId: string; name: string; documentCount: number; erasure: ClientDetail['erasure'] };

/**
 * Erases a client after the advisor names the reason and types the client's name. The button shows
 * only when the server allows this user to erase the client, and otherwise the server's reason shows.
 */
export function EraseClient({ clientId, name, documentCount, erasure }: EraseClientProps) {
  const [confirming, setConfirming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setConfirming(false);
    // The dialog is removed rather than hidden, so focus goes back to the button by hand.
    requestAnimationFrame(() => opener.current?.focus());
  };

  return (
    <Card id="erase" title="Erase client" className="border-red-200">
      <p className="mb-3 text-sm text-slate-700">Erasing removes everything held about this client. Use it when the case is closed and the data must go.</p>
      {erasure.allowed ? (
        <Button ref={opener} variant="danger" onClick={() => setConfirming(true)} data-testid="erase-client">
          Erase client…
        </Button>
      ) : (
        <p className="text-sm text-slate-600" data-testid="erase-client-not-allowed">
          {erasure.reason}
        </p>
      )}
      {confirming && <EraseDialog clientId={clientId} name={name} documentCount={documentCount} onClose={close} />}
    </Card>
  );
}

function EraseDialog({ clientId, name, documentCount, onClose }: { clientId: string; name: string; documentCount: number; onClose: () => void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const reasonId = useId();
  const nameId = useId();
  const [reason, setReason] = useState<ErasureReason | ''>('');
  const [typedName, setTypedName] = useState('');
  const nameMatches = typedName.trim().toLowerCase() === name.trim().toLowerCase();

  const erase = useMutation({
    mutationFn: () => deleteResource(`/api/clients/${clientId}?reason=${reason}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.client(clientId) });
      queryClient.removeQueries({ queryKey: queryKeys.debts(clientId) });
      queryClient.removeQueries({ queryKey: queryKeys.documents({ kind: 'client', clientId }) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.clients });
      void queryClient.invalidateQueries({ queryKey: queryKeys.graph });
      rememberErasedClient(name);
      router.push(clientsAfterErasurePath);
    },
  });

  return (
    <ConfirmDialog
      open
      title={`Erase ${name}?`}
      confirmLabel="Erase everything"
      busy={erase.isPending}
      error={erase.isError ? erase.error : undefined}
      confirmDisabled={reason === '' || !nameMatches}
      onConfirm={() => erase.mutate()}
      onCancel={onClose}
      data-testid="erase-client-dialog"
    >
      <p>
        This permanently erases <strong>{name}</strong>
        {documentCount > 0 && <> and their {plural(documentCount, 'document')}</>}: the uploaded files and their pages, the debts found, the search index that answers are drawn from, letters written for this client and their entries in the graph. Upload links sent to the client stop working. The audit log keeps a record that the client was erased, and why, under the client&apos;s id <span className="font-mono text-xs">{clientId}</span> and without the name: note that id in the client&apos;s request file.
      </p>
      <p>Copies already downloaded, such as original files, graph exports and audit log exports, are not reached. Delete those where they were saved.</p>
      <p className="font-medium">It cannot be undone.</p>
      <Field id={reasonId} label="Reason">
        <Select id={reasonId} value={reason} onChange={(event) => setReason(event.target.value as ErasureReason | '')} data-testid="erase-client-reason">
          <option value="">Choose a reason…</option>
          {Object.entries(erasureReasonLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={nameId} label={`Type the client's name, ${name}, to confirm`}>
        <TextInput id={nameId} value={typedName} onChange={(event) => setTypedName(event.target.value)} autoComplete="off" data-testid="erase-client-name" />
      </Field>
    </ConfirmDialog>
  );
}
