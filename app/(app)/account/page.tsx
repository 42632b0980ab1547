import type { Metadata } from 'next';
import { AccountScreen } from '@/components/auth/AccountScreen';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const user = await requirePageUser({ next: '/account' });
  return <AccountScreen user={user} />;
}
