import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/SignInForm';
import { getPageUser, safeNextPath } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = safeNextPath(typeof next === 'string' ? next : null);
  if (await getPageUser()) redirect(target);
  return <SignInForm next={target} />;
}
