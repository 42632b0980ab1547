import { expect, test as setup } from '@playwright/test';
import { e2eAdmin, storageStates } from './playwright.config';
import { signInOnPage } from './support/sign-in';

/** The advisor account the tests work as; created by the admin through the admin API. */
export const e2eAdvisor = { email: 'advisor@centre.test', name: 'Alex Advisor', password: 'e2e-advisor-password-1' };

setup('sign in as admin and advisor', async ({ page, browser }) => {
  await page.goto('/clients');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fclients/);
  await signInOnPage(page, e2eAdmin);
  await page.context().storageState({ path: storageStates.admin });

  const created = await page.request.post('/api/admin/users', { data: { ...e2eAdvisor, role: 'advisor' } });
  expect(created.status()).toBe(201);

  const advisor = await browser.newContext();
  const advisorPage = await advisor.newPage();
  await advisorPage.goto('/sign-in');
  await signInOnPage(advisorPage, e2eAdvisor);
  await advisor.storageState({ path: storageStates.advisor });
  await advisor.close();
});
