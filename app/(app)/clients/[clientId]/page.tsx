import type { Metadata } from 'next';
import { ClientScreen } from '@/components/clients/ClientScreen';
import { InvalidLink } from '@/components/RecordUnavailable';
import { requirePageUser } from '@/lib/auth/page';
import { isUuid } from '@/lib/client/ids';

export const metadata: Metadata = { title: 'Client' };

export default async function ClientPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  await requirePageUser({ next: `/clients/${encodeURIComponent(clientId)}` });
  if (!isUuid(clientId)) return <InvalidLink subject="client" />;
  return <ClientScreen clientId={clientId} />;
}
