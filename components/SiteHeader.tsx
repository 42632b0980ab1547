'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { Badge } from '@/components/ui/Badge';
import { PAGE_WIDTH } from '@/components/ui/pageWidth';
import { roleLabels } from '@/lib/client/format';
import type { CurrentUser } from '@/lib/client/types';

type Section = { href: string; label: string };

const sections: Section[] = [
  { href: '/clients', label: 'Clients' },
  { href: '/knowledge', label: 'Knowledge base' },
  { href: '/letters', label: 'Letters' },
  { href: '/graph', label: 'Graph' },
  { href: '/status', label: 'Status' },
];

const adminSections: Section[] = [
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/settings', label: 'Settings' },
];

/** Returns whether a navigation entry is the current section; document pages count as Clients. */
function isCurrent(pathname: string, href: string): boolean {
  if (href === '/clients' && pathname.startsWith('/documents/')) return true;
  return pathname === href || pathname.startsWith(`${href}/`);
}

function NavList({ label, items, pathname, testId }: { label: string; items: Section[]; pathname: string; testId: string }) {
  return (
    <nav aria-label={label} data-testid={testId}>
      <ul className="flex flex-wrap gap-1">
        {items.map((section) => {
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
  );
}

/** Renders the header of the signed-in screens: the sections, the admin sections for admins, and the user's account. */
export function SiteHeader({ user }: { user: CurrentUser | null }) {
  const pathname = usePathname() ?? '';
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className={`${PAGE_WIDTH} flex flex-wrap items-center gap-x-8 gap-y-2 py-3`}>
        <Link href="/clients" className="rounded-sm text-lg font-bold tracking-tight text-teal-800">
          RMA Advisor
        </Link>
        <NavList label="Main" items={sections} pathname={pathname} testId="main-nav" />
        {user && (
          <div className="ml-auto flex flex-wrap items-center gap-x-2 gap-y-1 text-sm" data-testid="user-menu">
            <span className="font-medium text-slate-900" data-testid="user-name">
              {user.name}
            </span>
            <Badge tone={user.role === 'admin' ? 'info' : 'neutral'} data-testid="user-role" data-role={user.role}>
              {roleLabels[user.role]}
            </Badge>
            <Link href="/account" className="rounded-md px-2.5 py-1 text-sm font-medium text-teal-800 hover:bg-teal-50" data-testid="account-link">
              Change password
            </Link>
            <SignOutButton />
          </div>
        )}
      </div>
      {user?.role === 'admin' && (
        <div className="border-t border-slate-100 bg-slate-50">
          <div className={`${PAGE_WIDTH} flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5`}>
            <span className="text-xs font-semibold uppercase tracking-wide text-slate-500" aria-hidden>
              Admin
            </span>
            <NavList label="Admin" items={adminSections} pathname={pathname} testId="admin-nav" />
          </div>
        </div>
      )}
    </header>
  );
}
