import { redirect } from 'next/navigation';
import { requirePageUser } from '@/lib/auth/page';

export default async function AdminPage() {
  await requirePageUser({ next: '/admin/users', role: 'admin' });
  redirect('/admin/users');
}
