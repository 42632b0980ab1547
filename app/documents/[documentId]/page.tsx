import type { Metadata } from 'next';
import { DocumentScreen } from '@/components/documents/DocumentScreen';

export const metadata: Metadata = { title: 'Document' };

export default async function DocumentPage({ params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return <DocumentScreen documentId={documentId} />;
}
