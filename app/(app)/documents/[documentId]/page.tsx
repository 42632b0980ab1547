import type { Metadata } from 'next';
import { DocumentScreen } from '@/components/documents/DocumentScreen';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Document' };

export default async function DocumentPage({ params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  await requirePageUser({ next: `/documents/${encodeURIComponent(documentId)}` });
  return <DocumentScreen documentId={documentId} />;
}
