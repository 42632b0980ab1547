import { expect, test } from '@playwright/test';
import { storageStates } from './playwright.config';
import { createClientByApi, sample } from './support/fakes';

test('client uploads through a link and sees nothing else', async ({ page, browser, request }) => {
  const clientId = await createClientByApi(request, 'Ms Linkton Client');
  await request.post(`/api/clients/${clientId}/documents`, {
    multipart: { file: { name: 'existing-letter.pdf', mimeType: 'application/pdf', buffer: (await import('node:fs')).readFileSync(sample('synthetic/12_overdraft_demand.pdf')) } },
  });

  await page.goto(`/clients/${clientId}`);
  await page.getByTestId('upload-link-create').click();
  const url = await page.getByTestId('upload-link-url').inputValue();
  await expect(page.getByTestId('upload-link-local')).toBeVisible();
  expect(url).toMatch(/\/upload\/[0-9a-f-]{36}\.\d+\.[\w-]+$/);

  await page.getByTestId('upload-link-qr-show').click();
  const qrImage = page.getByTestId('upload-link-qr-image');
  await expect(qrImage).toBeVisible();
  await expect.poll(() => qrImage.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(200);

  const linkId = url.split('/upload/')[1].split('.')[0];
  const qr = await request.get(`/api/clients/${clientId}/upload-links/${linkId}/qr`);
  expect(qr.headers()['content-type']).toBe('image/png');
  expect([...(await qr.body()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const clientPage = await visitor.newPage();
  await clientPage.goto(url);
  await expect(clientPage.getByTestId('public-upload-centre')).toContainText('Marrowgate Money Advice Centre');
  await expect(clientPage.locator('body')).not.toContainText('Linkton');
  await expect(clientPage.locator('body')).not.toContainText('existing-letter.pdf');

  await clientPage.getByTestId('upload-input').setInputFiles([sample('synthetic/05_energy_arrears.pdf')]);
  const sent = clientPage.getByTestId('sent-document');
  await expect(sent).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(clientPage.locator('body')).not.toContainText('existing-letter.pdf');
  expect((await visitor.request.get(`/api/clients/${clientId}`)).status()).toBe(401);

  await page.reload();
  await expect(page.getByTestId('document-row').filter({ hasText: '05_energy_arrears.pdf' })).toHaveAttribute('data-status', 'ready');

  await page.getByTestId('upload-link-revoke').first().click();
  await page.getByTestId('confirm-dialog-confirm').click();
  await expect(page.getByTestId('upload-link-row').first()).toHaveAttribute('data-state', 'revoked');
  await clientPage.reload();
  await expect(clientPage.getByTestId('public-upload-unusable')).toHaveAttribute('data-code', 'link_revoked');
  await visitor.close();

  const admin = await browser.newContext({ storageState: storageStates.admin });
  const audit = await (await admin.request.get(`/api/admin/audit?clientId=${clientId}&action=upload`)).json();
  const actors = audit.events.map((event: { actorType: string }) => event.actorType).sort();
  expect(actors).toEqual(['upload-link', 'user']);
  await admin.close();
});
