import type { Metadata } from 'next';
import { StatusBoard } from '@/components/status/StatusBoard';

export const metadata: Metadata = { title: 'Status' };

export default function StatusPage() {
  return <StatusBoard />;
}
