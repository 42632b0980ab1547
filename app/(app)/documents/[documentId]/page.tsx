import type { Metadata } from 'next';
import { DocumentScreen } from '@/components/documents/DocumentScreen';
import { InvalidLink } from '@/components/RecordUnavailable';
import { requirePageUser } from '@/lib/auth/page';
import { isUuid } from '@/lib/client/ids';

export const metadata: Metadata = { title: 'Document' };

export default async function DocumentPage({ params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  await requirePageUser({ next: `/documents/${encodeURIComponent(documentId)}` });
  if (!isUuid(documentId)) return <InvalidLink subject="document" />;
  return <DocumentScreen documentId={documentId} />;
}
