import type { ReactNode } from 'react';
import { CurrentUserProvider } from '@/components/auth/CurrentUser';
import { SiteHeader } from '@/components/SiteHeader';
import { PAGE_WIDTH } from '@/components/ui/pageWidth';
import { getPageUser } from '@/lib/auth/page';

/**
 * Renders the header of the signed-in screens around each page. Each page checks the session itself
 * with requirePageUser, because a layout is not rendered again on client-side navigation. This layout
 * only reads the user for the header and the screens' admin controls.
 */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await getPageUser();
  return (
    <CurrentUserProvider user={user}>
      <SiteHeader user={user} />
      <main id="main" className={`${PAGE_WIDTH} py-6`}>
        {children}
      </main>
    </CurrentUserProvider>
  );
}
