import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { storageStates } from './playwright.config';
import { createClientByApi, fakeModelServer } from './support/fakes';

test.use({ storageState: storageStates.admin });

test('audit log reads and filters', async ({ page, request }) => {
  const clientName = 'Mr Audit Trail';
  const clientId = await createClientByApi(request, clientName);
  const users = (await (await request.get('/api/admin/users')).json()).users as { id: string; email: string }[];
  const advisorId = users.find((user) => user.email === 'advisor@centre.test')!.id;
  expect((await request.put(`/api/clients/${clientId}/advisors`, { data: { userIds: [advisorId] } })).status()).toBe(200);
  for (let visit = 0; visit < 3; visit++) expect((await request.get(`/api/clients/${clientId}`)).status()).toBe(200);

  await page.goto('/admin/audit');
  await page.getByTestId('audit-filter-client').selectOption({ label: clientName });
  const rows = page.getByTestId('audit-row');
  const clientViews = page.locator('[data-testid="audit-row"][data-action="view"]').filter({ has: page.getByTestId('audit-target').getByText('Client', { exact: true }) });
  await expect(clientViews).toHaveCount(1);

  const assignment = rows.filter({ hasText: "Client's advisors" });
  await expect(assignment).toHaveCount(1);
  await expect(assignment).toContainText('Changed');
  await expect(assignment).toContainText('Advisors assigned');
  await expect(assignment.getByTestId('audit-client')).toHaveText(clientName);

  await page.getByTestId('audit-filter-action').selectOption('update');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-action', 'update');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = fs.readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,update,client-advisors,${clientId},,${clientId},${clientName},`);

  const exports = (await (await request.get('/api/admin/audit?action=export')).json()).events as { targetType: string }[];
  expect(exports.some((event) => event.targetType === 'audit-log')).toBe(true);

  await page.goto('/admin/audit?action=export');
  const exportRow = rows.filter({ has: page.getByTestId('audit-target').getByText('Audit log', { exact: true }) }).first();
  await expect(exportRow).toContainText('Cut short at the limit');
  await expect(exportRow).not.toContainText('node limit');
});

test('audit intro states its limits', async ({ page }) => {
  await page.goto('/admin/audit');
  const intro = page.getByTestId('audit-intro');
  await expect(intro).toContainText(/Repeated views of the same thing by the same person within \d+ minutes are recorded once\./);
  await expect(intro).toContainText('Deleted documents and erased clients are shown by id, because their names are erased with them.');
});

test.describe('erasing a client', () => {
  test.use({ storageState: storageStates.advisor });

  test('asks for a reason and the name', async ({ page, request, playwright, browser, baseURL }) => {
    const clientName = 'Ms Erase Me';
    const clientId = await createClientByApi(request, clientName);
    await page.goto(`/clients/${clientId}`);
    await page.getByTestId('erase-client').click();
    const dialog = page.getByTestId('erase-client-dialog');
    const confirm = dialog.getByTestId('confirm-dialog-confirm');
    await expect(confirm).toBeDisabled();

    await dialog.getByTestId('erase-client-reason').selectOption('client-request');
    await dialog.getByTestId('erase-client-name').fill('Ms Erase');
    await expect(confirm).toBeDisabled();
    await dialog.getByTestId('erase-client-name').fill('ms erase me ');
    await confirm.click();
    await expect(page).toHaveURL(/\/clients(\?|$)/);
    expect((await request.get(`/api/clients/${clientId}`)).status()).toBe(404);

    const admin = await playwright.request.newContext({ baseURL, storageState: storageStates.admin });
    const events = (await (await admin.get(`/api/admin/audit?clientId=${clientId}&action=delete`)).json()).events;
    expect(events).toEqual([expect.objectContaining({ targetType: 'client', details: { documents: 0, debts: 0, reason: 'client-request' } })]);
    await admin.dispose();

    const adminContext = await browser.newContext({ storageState: storageStates.admin });
    const adminPage = await adminContext.newPage();
    await adminPage.goto('/admin/audit?action=delete');
    await adminPage.getByTestId('audit-row').filter({ hasText: 'The client asked for their data to be erased' }).first().getByTestId('audit-erased-client').click();
    await expect(adminPage).toHaveURL(new RegExp(`clientId=${clientId}`));
    await expect(adminPage.getByTestId('audit-filter-client')).toHaveValue(clientId);
    await expect(adminPage.getByTestId('audit-row').filter({ hasText: 'Erased client' })).not.toHaveCount(0);
    await adminContext.close();
  });

  test('can be left to admins by the centre', async ({ page, request, playwright, baseURL }) => {
    const clientId = await createClientByApi(request, 'Ms Admins Erase');
    const admin = await playwright.request.newContext({ baseURL, storageState: storageStates.admin });
    expect((await admin.patch('/api/admin/settings', { data: { advisorsEraseClients: false } })).status()).toBe(200);
    try {
      await page.goto(`/clients/${clientId}`);
      await expect(page.getByTestId('erase-client-not-allowed')).toContainText('only admins erase clients');
      await expect(page.getByTestId('erase-client')).toHaveCount(0);
      const refused = await request.delete(`/api/clients/${clientId}`);
      expect(refused.status()).toBe(403);
      expect((await refused.json()).error.message).toContain('only admins erase clients');
    } finally {
      expect((await admin.patch('/api/admin/settings', { data: { advisorsEraseClients: true } })).status()).toBe(200);
      await admin.dispose();
    }
    await page.reload();
    await expect(page.getByTestId('erase-client')).toBeVisible();
  });

  test('needs an assignment, not only sight', async ({ page, request, playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL, storageState: storageStates.admin });
    const clientId = await createClientByApi(admin, 'Mr Not Yours');
    expect((await admin.patch('/api/admin/settings', { data: { advisorsSeeAllClients: true } })).status()).toBe(200);
    try {
      await page.goto(`/clients/${clientId}`);
      await expect(page.getByTestId('erase-client-not-allowed')).toBeVisible();
      await expect(page.getByTestId('erase-client')).toHaveCount(0);
      const refused = await request.delete(`/api/clients/${clientId}`);
      expect(refused.status()).toBe(403);
      expect((await refused.json()).error.message).toContain('Only an admin or an advisor assigned to this client');
      const refusals = (await (await admin.get(`/api/admin/audit?clientId=${clientId}&action=refused`)).json()).events;
      expect(refusals).toEqual([expect.objectContaining({ targetType: 'route', details: { method: 'DELETE', route: '/api/clients/:id' } })]);
    } finally {
      expect((await admin.patch('/api/admin/settings', { data: { advisorsSeeAllClients: false } })).status()).toBe(200);
      await admin.dispose();
    }
  });
});

test('only a written letter is audited', async ({ request }) => {
  const clientId = await createClientByApi(request, 'Ms Letter Audit');
  const letter = { clientId, clientName: 'Ms Letter Audit', notes: 'Council tax arrears of £276.30. We will ask the council to hold action.' };
  const letterEvents = async () =>
    ((await (await request.get(`/api/admin/audit?clientId=${clientId}&action=create`)).json()).events as { targetType: string; targetId: string | null }[]).filter((event) => event.targetType === 'letter');

  await fakeModelServer(request, 'text').setBehaviour({ mode: 'fail' });
  try {
    expect((await request.post('/api/letters', { data: letter })).status()).toBe(200);
    expect(await letterEvents()).toEqual([]);
  } finally {
    await fakeModelServer(request, 'text').reset();
  }

  const written = await (await request.post('/api/letters', { data: letter })).text();
  const letterId = written.split('\n').filter(Boolean).map((line) => JSON.parse(line)).find((event) => event.type === 'done')?.letterId;
  expect(letterId).toBeTruthy();
  expect(await letterEvents()).toEqual([expect.objectContaining({ targetId: letterId })]);
});
