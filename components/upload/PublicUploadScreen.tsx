'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FileUploader } from '@/components/documents/FileUploader';
import { Card } from '@/components/ui/Card';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Loading } from '@/components/ui/Loading';
import { Notice } from '@/components/ui/Notice';
import { ApiError } from '@/lib/client/api';
import { formatDateTime } from '@/lib/client/format';
import { fetchPublicUploadLink, publicUploadUrl, queryKeys } from '@/lib/client/queries';
import { SentDocuments } from './SentDocuments';

/** Messages for a link that cannot be used, by the API's error code. A 404 covers unknown and malformed tokens. */
const unusableLinks: Record<string, { title: string; text: string }> = {
  link_expired: { title: 'This link has expired', text: 'Upload links only work for a few days, to keep your documents safe.' },
  link_revoked: { title: 'This link has been cancelled', text: 'Your advisor has cancelled this link, so it can no longer be used.' },
  not_found: { title: 'This link does not work', text: 'The address may be incomplete: check that you copied all of it.' },
};

function unusableLink(error: unknown): { title: string; text: string } | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 410) return unusableLinks[error.code] ?? unusableLinks.link_expired;
  if (error.status === 404) return unusableLinks.not_found;
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

  if (link.isError) {
    const unusable = unusableLink(link.error);
    if (!unusable) {
      return (
        <div className="space-y-3">
          <h1>Send your documents</h1>
          <ErrorMessage error={link.error} title="Your link could not be checked." onRetry={() => void link.refetch()} data-testid="public-upload-error" />
        </div>
      );
    }
    return (
      <div className="space-y-3" data-testid="public-upload-unusable" data-code={link.error instanceof ApiError ? link.error.code : undefined}>
        <h1>{unusable.title}</h1>
        <p className="text-slate-700">{unusable.text}</p>
        <p className="font-medium text-slate-900">Ask your advisor for a new link.</p>
      </div>
    );
  }

  const { centreName, expiresAt, maxUploadMb } = link.data;

  /** After each file, refresh the list of sent documents, and check the link again in case it expired meanwhile. */
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
        <h1>Send your documents</h1>
        <p className="text-slate-700">Upload photos or PDFs of your letters, bills and statements. Your advisor will see them and use them to help you.</p>
        <p className="text-sm text-slate-600" data-testid="public-upload-expiry">
          This link works until <strong>{formatDateTime(expiresAt)}</strong>.
        </p>
      </div>

      <Card>
        <FileUploader
          url={publicUploadUrl(token)}
          title="Send documents"
          maxBytes={maxUploadMb * 1024 * 1024}
          requestOptions={{ redirectOnUnauthenticated: false }}
          uploadedText="Sent. You can see when it has been read under “Documents you have sent”."
          onFileSettled={refreshAfterUpload}
        />
        <Notice className="mt-4" title="For clear photos">
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            <li>Take one photo per page, in good light, with the whole page in view.</li>
            <li>Include every page of a letter, even the back if it has writing on it.</li>
          </ul>
        </Notice>
      </Card>

      <SentDocuments token={token} />
    </div>
  );
}
