import type { Metadata } from 'next';
import { PublicUploadScreen } from '@/components/upload/PublicUploadScreen';

export const metadata: Metadata = {
  title: 'Send your documents',
  // The address carries the link's token: keep it out of search engines and out of Referer headers.
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

/** Renders the page a client opens from an upload link. It needs no account and shows nothing of the client's case. */
export default async function UploadPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <PublicUploadScreen token={token} />;
}
