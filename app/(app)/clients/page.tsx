import type { Metadata } from 'next';
import { ClientsScreen } from '@/components/clients/ClientList';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Clients' };

export default async function ClientsPage({ searchParams }: { searchParams: Promise<{ erased?: string | string[] }> }) {
  await requirePageUser({ next: '/clients' });
  const { erased } = await searchParams;
  return <ClientsScreen erased={erased === '1'} />;
}
