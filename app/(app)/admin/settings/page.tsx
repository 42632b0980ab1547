import type { Metadata } from 'next';
import { SettingsForm } from '@/components/admin/SettingsForm';
import { requirePageUser } from '@/lib/auth/page';
import { configSchema, getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requirePageUser({ next: '/admin/settings', role: 'admin' });
  const centreName = getConfig().CENTRE_NAME;
  const isDefaultName = centreName === configSchema.shape.CENTRE_NAME.parse(undefined);
  return <SettingsForm centre={{ name: centreName, isDefaultName }} />;
}
