import { expect, type Page } from '@playwright/test';

/** Signs in on the sign-in page the browser is at, and waits for the clients list it lands on. */
export async function signInOnPage(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/clients$/);
}
