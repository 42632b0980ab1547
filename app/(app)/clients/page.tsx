import type { Metadata } from 'next';
import { ClientsScreen } from '@/components/clients/ClientList';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Clients' };

export default async function ClientsPage() {
  await requirePageUser({ next: '/clients' });
  return <ClientsScreen />;
}
