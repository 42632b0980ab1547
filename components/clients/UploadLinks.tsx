'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { CopyButton } from '@/components/ui/CopyButton';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { describedBy, Field, TextInput } from '@/components/ui/Field';
import { Loading } from '@/components/ui/Loading';
import { Notice } from '@/components/ui/Notice';
import { Table } from '@/components/ui/Table';
import { deleteResource, postJson } from '@/lib/client/api';
import { downloadFile } from '@/lib/client/download';
import { formatDateTime, plural } from '@/lib/client/format';
import { fetchUploadLinks, queryKeys } from '@/lib/client/queries';
import type { UploadLinkView } from '@/lib/client/types';
import { datedFilename } from '@/lib/filenames';

const DEFAULT_DAYS = 7;
const MAX_DAYS = 30;

type LinkState = 'active' | 'expired' | 'revoked';

const linkStates: Record<LinkState, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'danger' },
};

function linkState(link: UploadLinkView, now: number): LinkState {
  if (link.revokedAt) return 'revoked';
  return new Date(link.expiresAt).getTime() <= now ? 'expired' : 'active';
}

/** Returns a QR code filename naming the client and the link's expiry day, e.g. "upload-link-jane-doe-until-2025-03-12.png". */
function qrFilename(clientName: string, link: UploadLinkView): string {
  return datedFilename('upload-link', clientName, 'png', `until-${link.expiresAt.slice(0, 10)}`);
}

/**
 * Creates links through which a client uploads documents to their own case without an account, and
 * lists the client's links with their state, so the advisor can share or revoke them.
 */
export function UploadLinks({ clientId, clientName }: { clientId: string; clientName: string }) {
  // Refreshed every minute, so upload counts grow and links turn to Expired while the page stays open.
  const links = useQuery({ queryKey: queryKeys.uploadLinks(clientId), queryFn: () => fetchUploadLinks(clientId), refetchInterval: 60_000 });
  const [created, setCreated] = useState<UploadLinkView | null>(null);

  return (
    <div className="space-y-5">
      <CreateLinkForm clientId={clientId} onCreated={setCreated} />
      {created && (
        <Notice tone="success" title="Link created" data-testid="upload-link-created">
          <p className="mt-1">Send this link to the client, or give them the QR code. It works until {formatDateTime(created.expiresAt)}.</p>
          <LinkShare link={created} clientId={clientId} clientName={clientName} />
        </Notice>
      )}
      {links.isPending && <Loading label="Loading upload links…" />}
      {links.isError && <ErrorMessage error={links.error} title="The upload links could not be loaded." onRetry={() => void links.refetch()} />}
      {links.data && <LinkTable links={links.data.links} checkedAt={links.dataUpdatedAt} clientId={clientId} clientName={clientName} />}
    </div>
  );
}

function CreateLinkForm({ clientId, onCreated }: { clientId: string; onCreated: (link: UploadLinkView) => void }) {
  const queryClient = useQueryClient();
  const daysId = useId();
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  const [problem, setProblem] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (lifetimeDays: number) => postJson<UploadLinkView>(`/api/clients/${clientId}/upload-links`, { days: lifetimeDays }),
    onSuccess: (link) => {
      onCreated(link);
      void queryClient.invalidateQueries({ queryKey: queryKeys.uploadLinks(clientId) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = Number(days);
    if (!Number.isInteger(value) || value < 1 || value > MAX_DAYS) {
      setProblem(`Enter a whole number of days from 1 to ${MAX_DAYS}.`);
      return;
    }
    setProblem(null);
    create.mutate(value);
  }

  const hint = `How long the client can use it, 1 to ${MAX_DAYS} days. You can revoke it sooner.`;
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate data-testid="upload-link-form">
      <Field id={daysId} label="Valid for (days)" hint={hint} error={problem} className="w-full max-w-xs">
        <TextInput
          id={daysId}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_DAYS}
          step={1}
          value={days}
          onChange={(event) => setDays(event.target.value)}
          {...describedBy(daysId, { hint, error: problem })}
          data-testid="upload-link-days"
        />
      </Field>
      <Button type="submit" busy={create.isPending} data-testid="upload-link-create">
        Create upload link
      </Button>
      {create.isError && <ErrorMessage error={create.error} title="The link was not created." className="w-full" />}
    </form>
  );
}

/** Shows the link's address with a copy button, and a button that downloads its QR code. */
function LinkShare({ link, clientId, clientName }: { link: UploadLinkView; clientId: string; clientName: string }) {
  const urlId = useId();
  return (
    <div className="mt-2 space-y-2">
      <label htmlFor={urlId} className="sr-only">
        Upload link address
      </label>
      <input
        id={urlId}
        readOnly
        value={link.url}
        onFocus={(event) => event.target.select()}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
        data-testid="upload-link-url"
      />
      <div className="flex flex-wrap items-center gap-2">
        <CopyButton text={link.url} label="Copy link" data-testid="upload-link-copy" />
        <QrDownloadButton link={link} clientId={clientId} clientName={clientName} />
      </div>
      {onThisComputerOnly(link.url) && (
        <Notice tone="warning" data-testid="upload-link-local">
          This address works only on the computer running the app, so a client&apos;s phone cannot open it. Ask your admin to set APP_URL to the address clients can reach.
        </Notice>
      )}
    </div>
  );
}

/** Returns whether an address points at the machine it is opened on, as it does while APP_URL is left at its default. */
function onThisComputerOnly(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

/** Downloads the link's QR code, or shows it on screen for a client in the room to scan with their phone. */
function QrDownloadButton({ link, clientId, clientName }: { link: UploadLinkView; clientId: string; clientName: string }) {
  const address = `/api/clients/${clientId}/upload-links/${link.id}/qr`;
  const download = useMutation({ mutationFn: () => downloadFile(address, qrFilename(clientName, link)) });
  const [showing, setShowing] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setShowing((current) => !current)} aria-expanded={showing} data-testid="upload-link-qr-show">
        {showing ? 'Hide QR code' : 'Show QR code'}
      </Button>
      <Button variant="secondary" size="sm" busy={download.isPending} onClick={() => download.mutate()} data-testid="upload-link-qr">
        Download QR code
      </Button>
      {download.isError && <ErrorMessage error={download.error} title="The QR code could not be downloaded." className="w-full" />}
      {showing && (
        // A plain img: the PNG comes from this app with the session cookie, and next/image would copy it through its optimiser.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={`${address}?inline=1`} alt="QR code of the upload link, for the client to scan with a phone camera" width={224} height={224} className="basis-full rounded border border-slate-200 bg-white p-2 sm:basis-auto" data-testid="upload-link-qr-image" />
      )}
    </>
  );
}

/** Lists the links. `checkedAt` is when they were fetched, the moment against which expiry is judged. */
function LinkTable({ links, checkedAt, clientId, clientName }: { links: UploadLinkView[]; checkedAt: number; clientId: string; clientName: string }) {
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<UploadLinkView | null>(null);
  const [shown, setShown] = useState<string | null>(null);

  const revoke = useMutation({
    mutationFn: (link: UploadLinkView) => deleteResource(`/api/clients/${clientId}/upload-links/${link.id}`),
    onSuccess: () => {
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.uploadLinks(clientId) });
    },
  });

  if (links.length === 0) {
    return (
      <EmptyState title="No upload links yet" data-testid="upload-links-empty">
        Create one above and send it to the client. They can then upload photos or PDFs of their letters from their phone.
      </EmptyState>
    );
  }

  return (
    <>
      <Table columns={['State', 'Created', 'Expires', 'Uploads', { label: 'Actions', hidden: true }]} data-testid="upload-links-table">
        {links.map((link) => {
          const state = linkState(link, checkedAt);
          return (
            <tr key={link.id} className="border-b border-slate-200 align-top" data-testid="upload-link-row" data-link-id={link.id} data-state={state}>
              <td className="py-2 pr-3">
                <Badge tone={linkStates[state].tone} data-testid="upload-link-state">
                  {linkStates[state].label}
                </Badge>
                {link.revokedAt && <p className="mt-1 text-xs text-slate-600">{formatDateTime(link.revokedAt)}</p>}
              </td>
              <td className="py-2 pr-3">
                {formatDateTime(link.createdAt)}
                {link.createdByName && <p className="text-xs text-slate-600">by {link.createdByName}</p>}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(link.expiresAt)}</td>
              <td className="py-2 pr-3" data-testid="upload-link-uploads">
                {plural(link.uploads, 'document')}
              </td>
              <td className="py-2">
                {state === 'active' && (
                  <div className="flex flex-wrap justify-end gap-1">
                    <Button variant="ghost" size="sm" aria-expanded={shown === link.id} onClick={() => setShown(shown === link.id ? null : link.id)} data-testid="upload-link-show">
                      {shown === link.id ? 'Hide link' : 'Show link'}
                    </Button>
                    <Button variant="ghost" size="sm" onClick={() => setRevoking(link)} data-testid="upload-link-revoke">
                      Revoke…
                    </Button>
                  </div>
                )}
                {state === 'active' && shown === link.id && <LinkShare link={link} clientId={clientId} clientName={clientName} />}
              </td>
            </tr>
          );
        })}
      </Table>

      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this upload link?"
        confirmLabel="Revoke link"
        busy={revoke.isPending}
        error={revoke.isError ? revoke.error : undefined}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
        data-testid="upload-link-revoke-dialog"
      >
        <p>The client will no longer be able to upload through this link or its QR code. Documents they have already sent stay in the case.</p>
        <p>To let them upload again, create a new link.</p>
      </ConfirmDialog>
    </>
  );
}
