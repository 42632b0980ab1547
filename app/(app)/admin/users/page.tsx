import type { Metadata } from 'next';
import { UserAdmin } from '@/components/admin/UserAdmin';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  await requirePageUser({ next: '/admin/users', role: 'admin' });
  return <UserAdmin />;
}
