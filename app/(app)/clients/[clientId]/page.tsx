import type { Metadata } from 'next';
import { ClientScreen } from '@/components/clients/ClientScreen';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Client' };

export default async function ClientPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  await requirePageUser({ next: `/clients/${encodeURIComponent(clientId)}` });
  return <ClientScreen clientId={clientId} />;
}
