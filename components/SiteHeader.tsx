'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const sections = [
  { href: '/clients', label: 'Clients' },
  { href: '/knowledge', label: 'Knowledge base' },
  { href: '/letters', label: 'Letters' },
  { href: '/graph', label: 'Graph' },
  { href: '/status', label: 'Status' },
];

/** Returns whether a navigation entry is the current section; document pages count as Clients. */
function isCurrent(pathname: string, href: string): boolean {
  if (href === '/clients' && pathname.startsWith('/documents/')) return true;
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function SiteHeader() {
  const pathname = usePathname() ?? '';
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-8 gap-y-2 px-4 py-3">
        <Link href="/clients" className="rounded-sm text-lg font-bold tracking-tight text-teal-800">
          RMA Advisor
        </Link>
        <nav aria-label="Main">
          <ul className="flex flex-wrap gap-1">
            {sections.map((section) => {
              const current = isCurrent(pathname, section.href);
              return (
                <li key={section.href}>
                  <Link
                    href={section.href}
                    aria-current={current ? 'page' : undefined}
                    className={`block rounded-md px-3 py-1.5 text-sm font-medium ${current ? 'bg-teal-50 text-teal-900 ring-1 ring-teal-200' : 'text-slate-700 hover:bg-slate-100'}`}
                  >
                    {section.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </header>
  );
}
