import { expect, test as setup } from '@playwright/test';
import { e2eAdmin, storageStates } from './playwright.config';

/** The advisor account the tests work as; created by the admin through the admin API. */
export const e2eAdvisor = { email: 'advisor@centre.test', name: 'Alex Advisor', password: 'e2e-advisor-password-1' };

setup('sign in as admin and advisor', async ({ page, browser }) => {
  await page.goto('/clients');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fclients/);
  await page.getByLabel('Email').fill(e2eAdmin.email);
  await page.getByLabel('Password').fill(e2eAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await page.context().storageState({ path: storageStates.admin });

  const created = await page.request.post('/api/admin/users', { data: { ...e2eAdvisor, role: 'advisor' } });
  expect(created.status()).toBe(201);

  const advisor = await browser.newContext();
  const advisorPage = await advisor.newPage();
  await advisorPage.goto('/sign-in');
  await advisorPage.getByLabel('Email').fill(e2eAdvisor.email);
  await advisorPage.getByLabel('Password').fill(e2eAdvisor.password);
  await advisorPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(advisorPage).toHaveURL(/\/clients$/);
  await advisor.storageState({ path: storageStates.advisor });
  await advisor.close();
});
