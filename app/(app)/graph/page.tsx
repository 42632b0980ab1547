import type { Metadata } from 'next';
import { Suspense } from 'react';
import { GraphExplorer } from '@/components/graph/GraphExplorer';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Graph' };

export default async function GraphPage() {
  await requirePageUser({ next: '/graph' });
  return (
    <div className="space-y-6">
      <div>
        <h1>Graph</h1>
        <p className="mt-1 text-sm text-slate-600">Clients, their debts and documents, and the creditors they share. Click a node, or pick it from the list below, to see where its facts come from.</p>
      </div>
      <Suspense>
        <GraphExplorer />
      </Suspense>
    </div>
  );
}
