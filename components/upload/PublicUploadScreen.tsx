'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FileUploader } from '@/components/documents/FileUploader';
import { Card } from '@/components/ui/Card';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Loading } from '@/components/ui/Loading';
import { Notice } from '@/components/ui/Notice';
import { ApiError } from '@/lib/client/api';
import { formatDateTime } from '@/lib/client/format';
import { fetchPublicUploadLink, publicUploadUrl, queryKeys } from '@/lib/client/queries';
import { SentDocuments } from './SentDocuments';

/** The reason a link cannot be used, in the client's words. `keepsSent` is whether what was sent through it stays with the advisor. */
type UnusableLink = { kind: string; title: string; text: string; keepsSent: boolean };

const unusableLinks = {
  link_expired: { kind: 'link_expired', title: 'This link has expired', text: 'Upload links only work for a few days, to keep your documents safe.', keepsSent: true },
  link_revoked: { kind: 'link_revoked', title: 'This link has been cancelled', text: 'Your advisor has cancelled this link, so it can no longer be used.', keepsSent: true },
  // A whole link that the server no longer finds. Erasing a client's record removes its links and documents, so the page does not mention them.
  link_gone: { kind: 'link_gone', title: 'This link no longer works', text: 'It can no longer be used to send documents.', keepsSent: false },
  link_incomplete: { kind: 'link_incomplete', title: 'This link does not work', text: 'The address may be incomplete: check that you copied all of it.', keepsSent: false },
} satisfies Record<string, UnusableLink>;

/**
 * The shape of a whole token, as lib/uploads/links.ts makes it: the link's id, its expiry in Unix
 * seconds and a base64url HMAC-SHA256 of 43 characters. A token cut short in copying fails it.
 */
const WHOLE_TOKEN = /^[0-9a-f-]{36}\.\d{1,12}\.[\w-]{43}$/;

/** Returns why the link cannot be used, or null when the error is not about the link. The API returns 404 for unknown and malformed tokens alike. */
function unusableLink(error: unknown, token: string): UnusableLink | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 410) return error.code === 'link_revoked' ? unusableLinks.link_revoked : unusableLinks.link_expired;
  if (error.status === 404) return WHOLE_TOKEN.test(token) ? unusableLinks.link_gone : unusableLinks.link_incomplete;
  return null;
}

/**
 * Renders the page a client opens from their upload link: the centre's name, the link's expiry, an
 * upload zone, and the processing state of what they sent through this link. It shows nothing else
 * about their case, and the API it calls returns nothing else.
 */
export function PublicUploadScreen({ token }: { token: string }) {
  const queryClient = useQueryClient();
  const link = useQuery({ queryKey: queryKeys.publicUploadLink(token), queryFn: () => fetchPublicUploadLink(token) });

  if (link.isPending) return <Loading label="Checking your link…" />;

  const unusable = link.isError ? unusableLink(link.error, token) : null;
  if (!link.data) {
    if (!unusable) {
      return (
        <div className="space-y-3">
          <h1>Send your documents</h1>
          <ErrorMessage error={link.error} title="Your link could not be checked." onRetry={() => void link.refetch()} data-testid="public-upload-error" />
        </div>
      );
    }
    return (
      <div className="space-y-3" data-testid="public-upload-unusable" data-code={unusable.kind}>
        <UnusableLinkText unusable={unusable} />
      </div>
    );
  }

  const { centreName, expiresAt, maxUploadMb } = link.data;

  /** After each file, refresh the list of sent documents, and check the link again in case it expired or was cancelled meanwhile. */
  async function refreshAfterUpload() {
    await queryClient.invalidateQueries({ queryKey: queryKeys.publicUploadDocuments(token) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.publicUploadLink(token) });
  }

  return (
    <div className="space-y-6" data-testid="public-upload">
      <div className="space-y-2">
        <p className="text-sm font-medium text-teal-800" data-testid="public-upload-centre">
          {centreName}
        </p>
        {unusable ? (
          // The link stopped working while the page was open. The upload list below stays, because it
          // is the only record of which of the files picked here were sent.
          <div className="space-y-2" data-testid="public-upload-unusable" data-code={unusable.kind}>
            <UnusableLinkText unusable={unusable}>
              <p className="text-slate-700" data-testid="public-upload-not-sent">
                A file marked “Not uploaded” below was not sent.
              </p>
            </UnusableLinkText>
          </div>
        ) : (
          <>
            <h1>Send your documents</h1>
            <p className="text-slate-700">Upload photos or PDFs of your letters, bills and statements. Your advisor will see them and use them to help you.</p>
            <p className="text-sm text-slate-600" data-testid="public-upload-expiry">
              This link works until <strong>{formatDateTime(expiresAt)}</strong>.
            </p>
          </>
        )}
        {link.isError && !unusable && <ErrorMessage error={link.error} title="Your link could not be checked again." onRetry={() => void link.refetch()} data-testid="public-upload-error" />}
      </div>

      <Card inert={unusable !== null} className={unusable ? 'opacity-60' : undefined}>
        <FileUploader
          url={publicUploadUrl(token)}
          title="Send documents"
          maxBytes={maxUploadMb * 1024 * 1024}
          requestOptions={{ redirectOnUnauthenticated: false }}
          // The list of sent documents below shows whether each file could be read, and it is hidden once the link stops working.
          uploadedText={unusable ? 'Sent to your advisor.' : 'Sent to your advisor. Whether it could be read is shown under “Documents you have sent” below.'}
          onFileSettled={refreshAfterUpload}
        />
        <Notice className="mt-4" title="For clear photos">
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            <li>Take one photo per page, in good light, with the whole page in view.</li>
            <li>Include every page of a letter, even the back if it has writing on it.</li>
          </ul>
        </Notice>
      </Card>

      {!unusable && <SentDocuments token={token} />}
    </div>
  );
}

/** States why the link cannot be used, what became of what was sent through it (with `children`), and what to do. */
function UnusableLinkText({ unusable, children }: { unusable: UnusableLink; children?: ReactNode }) {
  return (
    <>
      <h1>{unusable.title}</h1>
      <p className="text-slate-700">{unusable.text}</p>
      {unusable.keepsSent && (
        <p className="text-slate-700" data-testid="public-upload-kept">
          Any documents you already sent with this link stay with your advisor.
        </p>
      )}
      {children}
      <p className="font-medium text-slate-900">Ask your advisor for a new link.</p>
    </>
  );
}
