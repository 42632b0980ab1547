import type { Metadata } from 'next';
import { StatusBoard } from '@/components/status/StatusBoard';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Status' };

export default async function StatusPage() {
  await requirePageUser({ next: '/status' });
  return <StatusBoard />;
}
