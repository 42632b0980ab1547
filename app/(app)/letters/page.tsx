import type { Metadata } from 'next';
import { LetterWriter } from '@/components/letters/LetterWriter';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Letters' };

export default async function LettersPage() {
  await requirePageUser({ next: '/letters' });
  return (
    <div className="space-y-6">
      <div>
        <h1>Client letters</h1>
        <p className="mt-1 text-sm text-slate-600">Paste your interview notes to get a plain-English letter for the client. Every figure in the notes should appear in the letter; any that do not are listed for you to add.</p>
      </div>
      <LetterWriter />
    </div>
  );
}
