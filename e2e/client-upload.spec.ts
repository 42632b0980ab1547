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

  // A file that arrives but cannot be read: the upload row states only that it was sent, and the list below shows how it was read.
  await clientPage.getByTestId('upload-input').setInputFiles([sample('public/c10_ocrmypdf_invalid.pdf')]);
  const damagedUpload = clientPage.getByTestId('upload-item').filter({ hasText: 'c10_ocrmypdf_invalid.pdf' });
  await expect(damagedUpload).toHaveAttribute('data-state', 'uploaded');
  await expect(damagedUpload).toContainText('Sent to your advisor. Whether it could be read is shown under “Documents you have sent” below.');
  await expect(sent.filter({ hasText: 'c10_ocrmypdf_invalid.pdf' })).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });

  await page.reload();
  await expect(page.getByTestId('document-row').filter({ hasText: '05_energy_arrears.pdf' })).toHaveAttribute('data-status', 'ready');

  await page.getByTestId('upload-link-revoke').first().click();
  await page.getByTestId('confirm-dialog-confirm').click();
  await expect(page.getByTestId('upload-link-row').first()).toHaveAttribute('data-state', 'revoked');

  // The client picks a file on the page they still have open.
  await clientPage.getByTestId('upload-input').setInputFiles([sample('synthetic/12_overdraft_demand.pdf')]);
  const unusable = clientPage.getByTestId('public-upload-unusable');
  await expect(unusable).toHaveAttribute('data-code', 'link_revoked');
  await expect(clientPage.getByTestId('upload-item').filter({ hasText: '12_overdraft_demand.pdf' })).toHaveAttribute('data-state', 'rejected');
  await expect(clientPage.getByTestId('upload-item').filter({ hasText: '05_energy_arrears.pdf' })).toHaveAttribute('data-state', 'uploaded');
  await expect(clientPage.getByTestId('public-upload-not-sent')).toBeVisible();
  await expect(clientPage.getByTestId('public-upload-kept')).toBeVisible();

  await clientPage.reload();
  await expect(unusable).toHaveAttribute('data-code', 'link_revoked');
  await expect(clientPage.getByTestId('public-upload-kept')).toBeVisible();
  await expect(clientPage.getByTestId('public-upload-not-sent')).toHaveCount(0);
  await visitor.close();

  const admin = await browser.newContext({ storageState: storageStates.admin });
  const audit = await (await admin.request.get(`/api/admin/audit?clientId=${clientId}&action=upload`)).json();
  const actors = audit.events.map((event: { actorType: string }) => event.actorType).sort();
  expect(actors).toEqual(['upload-link', 'upload-link', 'user']);
  await admin.close();
});

test('link of an erased client does not blame the address', async ({ request, browser }) => {
  const clientId = await createClientByApi(request, 'Mr Erased Link');
  const created = await request.post(`/api/clients/${clientId}/upload-links`, { data: {} });
  expect(created.status()).toBe(201);
  const { url } = (await created.json()) as { url: string };
  expect((await request.delete(`/api/clients/${clientId}?reason=client-request`)).status()).toBe(204);

  const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const clientPage = await visitor.newPage();
  await clientPage.goto(url);
  const unusable = clientPage.getByTestId('public-upload-unusable');
  await expect(unusable).toHaveAttribute('data-code', 'link_gone');
  await expect(unusable).toContainText('This link no longer works');
  await expect(unusable).not.toContainText('incomplete');
  await expect(clientPage.getByTestId('public-upload-kept')).toHaveCount(0);

  await clientPage.goto(url.slice(0, -5));
  await expect(unusable).toHaveAttribute('data-code', 'link_incomplete');
  await expect(unusable).toContainText('The address may be incomplete');
  await visitor.close();
});
