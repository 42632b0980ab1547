import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1>Page not found</h1>
      <p className="text-sm text-slate-700">There is no page at this address. It may have been moved, or the client or document erased.</p>
      <Link href="/clients">Go to clients</Link>
    </div>
  );
}
