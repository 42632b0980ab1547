import Link from 'next/link';

/** Shown for any address without a page. It sits outside the route groups' layouts, so it brings its own <main>. */
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-2xl space-y-3 px-4 py-8">
      <h1>Page not found</h1>
      <p className="text-sm text-slate-700">There is no page at this address. It may have been moved, or the client or document erased.</p>
      <Link href="/clients">Go to clients</Link>
    </main>
  );
}
