import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { storageStates } from './playwright.config';
import { createClientByApi } from './support/fakes';

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
  expect(lines[1]).toContain(`,update,client-advisors,${clientId},${clientId},${clientName},`);

  const exports = (await (await request.get('/api/admin/audit?action=export')).json()).events as { targetType: string }[];
  expect(exports.some((event) => event.targetType === 'audit-log')).toBe(true);
});
