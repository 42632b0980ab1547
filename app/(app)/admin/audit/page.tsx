import type { Metadata } from 'next';
import { AuditLog } from '@/components/admin/AuditLog';
import { VIEW_REPEAT_MINUTES } from '@/lib/audit';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    if (typeof value === 'string') query.set(key, value);
  }
  // The filters are in the address, so signing in again returns to the same view of the log.
  const search = query.size > 0 ? `?${query}` : '';
  await requirePageUser({ next: `/admin/audit${search}`, role: 'admin' });
  return <AuditLog viewRepeatMinutes={VIEW_REPEAT_MINUTES} />;
}
