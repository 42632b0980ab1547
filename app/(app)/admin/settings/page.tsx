import type { Metadata } from 'next';
import { SettingsForm } from '@/components/admin/SettingsForm';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requirePageUser({ next: '/admin/settings', role: 'admin' });
  return <SettingsForm />;
}
