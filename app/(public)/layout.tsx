import type { ReactNode } from 'react';

/** Renders the pages seen without signing in under the product name, with nothing to navigate to. */
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-2xl px-4 py-3">
          <p className="text-lg font-bold tracking-tight text-teal-800">RMA Advisor</p>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-2xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
