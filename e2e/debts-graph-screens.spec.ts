import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createClientByApi, fakeModelServer, sample, uploadPdfsInOrder } from './support/fakes';

const resolutionLetters = path.resolve(import.meta.dirname, '../tests/fixtures/resolution');
const cardLetters = ['09_credit_card_statement', '07_default_notice_cca', '08_debt_collection_sold_on'].map((name) => sample(`synthetic/${name}.pdf`));

/** Uploads PDFs one at a time through the client page, waiting until each is processed, and returns their ids. */
async function uploadOnPage(page: Page, files: string[]): Promise<string[]> {
  const rows = page.getByTestId('document-row');
  for (const [index, file] of files.entries()) {
    await page.getByTestId('upload-input').setInputFiles(file);
    await expect(rows.and(page.locator('[data-status="ready"]'))).toHaveCount(index + 1, { timeout: 120_000 });
  }
  return Promise.all(files.map(async (file) => (await rows.filter({ hasText: path.basename(file) }).getAttribute('data-document-id'))!));
}

test.beforeEach(async ({ request }) => {
  await fakeModelServer(request, 'text').reset();
  await fakeModelServer(request, 'vision').reset();
});

test('three letters make one debt on screen', async ({ page, request }) => {
  const clientId = await createClientByApi(request, 'Screen Resolution Client');
  await page.goto(`/clients/${clientId}`);
  const [statement, , soldOn] = await uploadOnPage(page, cardLetters);

  const rows = page.getByTestId('debt-row');
  await expect(rows).toHaveCount(1);
  const card = rows.first();
  await expect(card.getByTestId('debt-creditor')).toHaveText('Brackwater Portfolio Recoveries Ltd');
  await expect(card).toContainText('Original creditor: Corrivale Card Services Ltd');
  await expect(card.getByTestId('debt-amount')).toHaveText('£3,702.56');
  await expect(card.getByTestId('debt-balance-count')).toHaveText('3 balances in the letters');
  await expect(card.getByTestId('debt-source-link')).toHaveAttribute('href', `/documents/${soldOn}#page-1`);
  await expect(page.getByTestId('debt-total-non-priority')).toHaveText('£3,702.56');
  await expect(page.getByTestId('debt-total-priority')).toHaveText('£0.00');
  await expect(page.getByTestId('debt-count')).toHaveText('1 debt');
  await expect(page.getByTestId('debt-unclassified-note')).toHaveCount(0);

  const toggle = card.getByTestId('debt-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const details = page.getByTestId('debt-details');
  await expect(page.locator(`#${await toggle.getAttribute('aria-controls')}`)).toContainText('Balance history');
  await expect(details.getByTestId('debt-balance-amount')).toHaveText(['£3,405.46', '£3,655.19', '£3,702.56']);
  await expect(details.getByTestId('debt-balance-link').first()).toHaveAttribute('href', `/documents/${statement}#page-1`);
  await expect(details.getByTestId('debt-mention')).toHaveCount(3);
});

test('debts table fits at 1366 wide', async ({ page, request }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const clientId = await createClientByApi(request, 'Screen Width Client');
  await uploadPdfsInOrder(request, clientId, [sample('synthetic/14_enforcement_agent_notice.pdf'), sample('synthetic/05_energy_arrears.pdf')]);
  await page.goto(`/clients/${clientId}`);
  const table = page.getByTestId('debts-table');
  await expect(page.getByTestId('debt-row')).toHaveCount(2);
  const overflow = () => table.evaluate((element) => element.parentElement!.scrollWidth - element.parentElement!.clientWidth);
  expect(await overflow()).toBe(0);

  const toggle = page.getByTestId('debt-toggle').first();
  await toggle.click();
  await expect(page.getByTestId('debt-details')).toBeVisible();
  expect(await overflow()).toBe(0);

  // The focus ring is a 3 px outline 2 px outside the button, and the scrolling box would clip any part that sticks out.
  const boxRight = await table.evaluate((element) => element.parentElement!.getBoundingClientRect().right);
  const toggleBox = (await toggle.boundingBox())!;
  expect(toggleBox.x + toggleBox.width + 5).toBeLessThanOrEqual(boxRight);
  const lockBox = (await page.getByTestId('debt-lock-amount').boundingBox())!;
  expect(lockBox.x + lockBox.width).toBeLessThanOrEqual(boxRight);
});

test('debt left out of totals, with undo', async ({ page, request }) => {
  const clientId = await createClientByApi(request, 'Screen Totals Client');
  // The letter is addressed to Ms Corinne Ashdale, not to this client.
  await uploadPdfsInOrder(request, clientId, [sample('synthetic/08_debt_collection_sold_on.pdf')]);
  await page.goto(`/clients/${clientId}`);
  const total = page.getByTestId('debt-total-non-priority');
  await expect(total).toHaveText('£3,702.56');

  await page.getByTestId('debt-elsewhere-leave-out').click();
  await expect(page.getByTestId('debt-elsewhere-left-out')).toContainText('now left out of the totals');
  await expect(total).toHaveText('£0.00');
  await expect(page.getByTestId('debt-row')).toHaveAttribute('data-counted', 'false');
  await expect(page.getByTestId('debt-left-out')).toBeVisible();
  await expect(page.getByTestId('debt-left-out-note')).toContainText('(£3,702.56)');
  await expect(page.getByTestId('debt-count')).toHaveText('1 debt');

  await page.getByTestId('debt-elsewhere-undo').click();
  await expect(total).toHaveText('£3,702.56');
  await expect(page.getByTestId('debt-elsewhere-note')).toBeVisible();
  await expect(page.getByTestId('debt-left-out-note')).toHaveCount(0);

  // One debt at a time from its details.
  await page.getByTestId('debt-toggle').click();
  const choice = page.getByTestId('debt-totals-choice');
  await choice.getByTestId('debt-count-toggle').click();
  await expect(choice).toHaveAttribute('data-counted', 'false');
  await expect(total).toHaveText('£0.00');
  await expect(page.getByTestId('debt-elsewhere-note')).toHaveCount(0);
  await choice.getByTestId('debt-count-toggle').click();
  await expect(choice).toHaveAttribute('data-counted', 'true');
  await expect(total).toHaveText('£3,702.56');
});

test('corrected amount is locked until unlocked', async ({ page, request }) => {
  const clientId = await createClientByApi(request, 'Screen Correction Client');
  await uploadPdfsInOrder(request, clientId, cardLetters);
  await page.goto(`/clients/${clientId}`);
  const card = page.getByTestId('debt-row').first();
  await expect(card.getByTestId('debt-amount')).toHaveText('£3,702.56');
  await expect(card.getByTestId('debt-locked-amount')).toHaveCount(0);

  await card.getByTestId('debt-toggle').click();
  const form = page.getByTestId('debt-correction-form');
  await form.getByTestId('debt-input-amount').fill('£3,650');
  await form.getByTestId('debt-corrections-save').click();
  await expect(page.getByTestId('debt-corrections-result')).toContainText('Saved amount owed as £3,650.00. It is now locked.');

  await expect(card.getByTestId('debt-amount')).toHaveText('£3,650.00');
  await expect(card.getByTestId('debt-locked-amount')).toBeVisible();
  await expect(form.getByTestId('debt-field-amount')).toHaveAttribute('data-locked', 'true');
  await expect(form.getByTestId('debt-extracted-amount')).toHaveText('The letters say £3,702.56. Unlocking goes back to it.');
  await expect(page.getByTestId('debt-total-non-priority')).toHaveText('£3,650.00');
  const saved = (await (await request.get(`/api/clients/${clientId}/debts`)).json()).debts[0];
  expect(saved.lockedFields).toEqual(['amount']);

  await form.getByTestId('debt-input-amount').fill('about three thousand');
  await form.getByTestId('debt-corrections-save').click();
  await expect(form.getByText('Enter the amount in pounds, such as 1234.56.')).toBeVisible();
  await form.getByTestId('debt-corrections-reset').click();

  await form.getByTestId('debt-lock-amount').click();
  await expect(card.getByTestId('debt-amount')).toHaveText('£3,702.56');
  await expect(card.getByTestId('debt-locked-amount')).toHaveCount(0);
  await expect(form.getByTestId('debt-field-amount')).toHaveAttribute('data-locked', 'false');
});

test('possible duplicates merged on screen', async ({ page, request }) => {
  const clientId = await createClientByApi(request, 'Screen Proposal Client');
  await uploadPdfsInOrder(request, clientId, ['northmere-card-statement', 'northmere-card-reminder', 'northmere-loan-arrears'].map((name) => path.join(resolutionLetters, `${name}.pdf`)));
  await page.goto(`/clients/${clientId}`);
  await expect(page.getByTestId('debt-row')).toHaveCount(3);

  const proposal = page.getByTestId('merge-proposal');
  await expect(proposal).toHaveCount(1);
  await expect(proposal).toHaveAttribute('data-reason', 'partial-reference');
  await expect(proposal.getByTestId('merge-proposal-explanation')).toHaveText('The letters share only the end of an account or card number.');
  await expect(proposal.getByTestId('merge-proposal-debt')).toHaveCount(2);

  await proposal.getByTestId('merge-accept').click();
  const dialog = page.getByTestId('merge-confirm-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('confirm-dialog-confirm').click();

  await expect(page.getByTestId('merge-proposals')).toHaveCount(0);
  await expect(page.getByTestId('debt-row')).toHaveCount(2);
  await expect(page.getByTestId('debt-total-non-priority')).toHaveText('£5,552.18');
  expect((await (await request.get(`/api/clients/${clientId}/merge-proposals?status=all`)).json()).proposals.filter((item: { status: string }) => item.status === 'open')).toEqual([]);

  const merged = page.getByTestId('debt-row').filter({ has: page.getByTestId('debt-balance-count') });
  await merged.getByTestId('debt-toggle').click();
  const details = page.getByTestId('debt-details');
  await expect(details.getByTestId('debt-mention')).toHaveCount(2);
  await details.getByTestId('debt-mention').filter({ hasText: 'northmere-card-reminder.pdf' }).getByTestId('debt-mention-separate').click();
  await page.getByTestId('debt-separate-dialog').getByTestId('confirm-dialog-confirm').click();

  await expect(page.getByTestId('debt-separated')).toBeVisible();
  await expect(page.getByTestId('debt-row')).toHaveCount(3);
  await expect(page.getByTestId('debt-total-non-priority')).toHaveText('£6,836.68');
  await expect(details.getByTestId('debt-mention')).toHaveCount(1);
  await expect(page.getByTestId('merge-proposals')).toHaveCount(0);

  await page.getByTestId('debt-separated-undo').click();
  await expect(page.getByTestId('debt-row')).toHaveCount(2);
  await expect(page.getByTestId('debt-total-non-priority')).toHaveText('£5,552.18');
  await expect(details.getByTestId('debt-mention')).toHaveCount(2);
  await expect(page.getByTestId('debt-separated')).toHaveCount(0);
});

test('graph controls filter, expand and export', async ({ page, request }) => {
  const clientName = 'Graph Controls Client';
  const clientId = await createClientByApi(request, clientName);
  const [, soldOn] = await uploadPdfsInOrder(request, clientId, [sample('synthetic/01_council_tax_reminder.pdf'), sample('synthetic/08_debt_collection_sold_on.pdf')]);

  await page.goto('/graph');
  await page.getByTestId('graph-client-select').selectOption({ label: clientName });
  const items = page.getByTestId('graph-node-item');
  const creditors = items.and(page.locator('[data-node-id^="creditor:"]'));
  const debts = items.and(page.locator('[data-node-id^="debt:"]'));
  const summary = page.getByTestId('graph-summary');
  const canvas = page.getByTestId('graph-canvas');
  await expect(creditors.filter({ hasText: 'Stavewick Borough Council' })).toHaveCount(1);
  await expect(items.filter({ hasText: '08_debt_collection_sold_on.pdf' })).toHaveCount(1);
  await expect(canvas).toHaveAttribute('data-layout', 'settled');
  const everything = await summary.textContent();

  // Debts are named by creditor and amount, and listed by amount.
  await expect(debts).toHaveCount(2);
  await expect(debts).toContainText(['Stavewick Borough Council £276.30', 'Brackwater Portfolio Recoveries Ltd £3,702.56']);

  await page.getByTestId('graph-type-Document').uncheck();
  await expect(items.filter({ hasText: '08_debt_collection_sold_on.pdf' })).toHaveCount(0);
  await expect(summary).not.toHaveText(everything!);
  await expect(page.getByTestId('graph-type-count-Document')).toHaveCount(0);
  await expect(page.getByTestId('graph-type-count-Debt')).toHaveText('(2)');
  await page.getByTestId('graph-type-Document').check();

  await page.getByTestId('graph-priority-filter').selectOption('priority');
  await expect(creditors.filter({ hasText: 'Brackwater Portfolio Recoveries Ltd' })).toHaveCount(0);
  await expect(creditors.filter({ hasText: 'Stavewick Borough Council' })).toHaveCount(1);
  await page.getByTestId('graph-priority-filter').selectOption('');

  // An advisor searches by the kind of debt, as the letters name it.
  await page.getByTestId('graph-search').fill('council tax');
  await expect(creditors.filter({ hasText: 'Brackwater Portfolio Recoveries Ltd' })).toHaveCount(0);
  await expect(debts).toHaveCount(1);
  await expect(debts).toContainText('Stavewick Borough Council £276.30');
  await page.getByTestId('graph-search').fill('water rates');
  await expect(page.getByTestId('graph-empty')).toContainText('Nothing matches “water rates”');
  await expect(page.getByTestId('graph-empty')).toContainText('clear the search');

  await page.getByTestId('graph-search').fill('Brackwater');
  await expect(creditors.filter({ hasText: 'Stavewick Borough Council' })).toHaveCount(0);
  await expect(creditors.filter({ hasText: 'Brackwater Portfolio Recoveries Ltd' })).toHaveCount(1);
  await expect(items.filter({ hasText: '£3,702.56' })).toHaveCount(1);
  await expect(items.filter({ hasText: '08_debt_collection_sold_on.pdf' })).toHaveCount(0);

  await page.getByText(/All nodes as a list/).click();
  await items.filter({ hasText: '£3,702.56' }).click();
  const details = page.getByTestId('node-details');
  await expect(details.getByTestId('node-details-label')).toHaveText('Brackwater Portfolio Recoveries Ltd £3,702.56');
  await expect(details.getByTestId('node-details-links')).toContainText('not shown');
  // The panel names the debt's client and documents although neither is drawn.
  const relations = details.getByTestId('node-details-relation');
  await expect(relations.filter({ hasText: /^Owed by/ })).toContainText(`${clientName} (not drawn)`);
  await expect(relations.filter({ hasText: /^Mentioned in/ })).toContainText('08_debt_collection_sold_on.pdf (not drawn)');
  await expect(relations.filter({ hasText: /^Owed to/ })).toContainText('Brackwater Portfolio Recoveries Ltd');
  await expect(relations.filter({ hasText: /^Originally owed to/ })).toContainText('Corrivale Card Services Ltd');
  await expect(details.getByTestId('node-details-link').first()).toHaveText('08_debt_collection_sold_on.pdf, page 1');

  await details.getByTestId('node-details-expand').click();
  await expect(items.filter({ hasText: '08_debt_collection_sold_on.pdf' })).toHaveCount(1);
  await expect(items.filter({ hasText: clientName })).toHaveCount(1);
  await expect(relations.filter({ hasText: /^Owed by/ })).toContainText(clientName);
  await expect(relations.filter({ hasText: /^Owed by/ })).not.toContainText('not drawn');
  await expect(details.getByTestId('node-details-link').first()).toHaveAttribute('href', `/documents/${soldOn}#page-1`);
  // The view is fitted again to hold the new neighbours.
  await expect(canvas).toHaveAttribute('data-layout', 'settled');
  await expect(canvas).toHaveAttribute('data-fitted', 'true');

  // A document lists the debts it mentions, and its client, each under a heading that reads from the document.
  await items.filter({ hasText: '08_debt_collection_sold_on.pdf' }).click();
  await expect(relations.filter({ hasText: /^Debts it mentions/ })).toContainText('Brackwater Portfolio Recoveries Ltd £3,702.56');
  await expect(relations.filter({ hasText: /^Client/ })).toContainText(clientName);
  await page.getByTestId('graph-collapse').click();
  await expect(items.filter({ hasText: '08_debt_collection_sold_on.pdf' })).toHaveCount(0);

  await page.getByTestId('graph-search').fill('');
  await expect(creditors.filter({ hasText: 'Stavewick Borough Council' })).toHaveCount(1);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('graph-export-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/^graph-graph-controls-client-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvText = fs.readFileSync((await csv.path())!, 'utf8');
  expect(csvText.startsWith('\uFEFF')).toBe(true);
  const csvLines = csvText.slice(1).trim().split('\r\n');
  expect(csvLines[0]).toBe('Type,Name,Client,Creditor,Original creditor,Collecting agent,Debt type,Amount (£),Priority,Reference,Balance as of,Date,Details,Documents and pages,Linked to');
  expect(csvLines.some((line) => line.startsWith(`Debt,Stavewick Borough Council £276.30,${clientName},Stavewick Borough Council,,,Council tax,276.30,Priority,`))).toBe(true);

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('graph-export-json').click()]);
  expect(json.suggestedFilename()).toMatch(/^graph-graph-controls-client-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(fs.readFileSync((await json.path())!, 'utf8')) as { nodes: { clientId: string | null; label: string }[] };
  expect(exported.nodes.map((node) => node.label)).toContain('Stavewick Borough Council');
  expect(exported.nodes.every((node) => node.clientId === clientId || node.clientId === null)).toBe(true);
  expect(csvLines).toHaveLength(exported.nodes.length + 1);

  await page.getByTestId('graph-search').fill('Brackwater');
  await expect(creditors.filter({ hasText: 'Stavewick Borough Council' })).toHaveCount(0);
  await items.filter({ hasText: '£3,702.56' }).click();
  await page.getByTestId('node-details-debts-link').click();
  await expect(page).toHaveURL(new RegExp(`/clients/${clientId}#debt-`));
  await expect(page.getByTestId('debt-details')).toBeVisible();
  await expect(page.getByTestId('debt-details').getByTestId('debt-balance-amount')).toHaveText(['£3,702.56']);

  await page.goBack();
  await expect(page.getByTestId('graph-client-select')).toHaveValue(clientId);
  await expect(page.getByTestId('graph-search')).toHaveValue('Brackwater');
  await expect(creditors.filter({ hasText: 'Stavewick Borough Council' })).toHaveCount(0);
});

test('shared creditor is one hub', async ({ page, request }) => {
  const names = ['Hub Client One', 'Hub Client Two'];
  for (const name of names) {
    const clientId = await createClientByApi(request, name);
    await uploadPdfsInOrder(request, clientId, [sample('synthetic/08_debt_collection_sold_on.pdf')]);
  }
  const creditor = 'Brackwater Portfolio Recoveries Ltd';

  await page.goto('/graph');
  await expect(page.getByTestId('graph-client-select')).toHaveValue('');
  const items = page.getByTestId('graph-node-item');
  const clientItems = items.and(page.locator('[data-node-id^="client:"]'));
  const creditorItems = items.and(page.locator('[data-node-id^="creditor:"]'));
  await expect(clientItems.filter({ hasText: names[0] })).toHaveCount(1);
  await expect(clientItems.filter({ hasText: names[1] })).toHaveCount(1);
  await expect(items.filter({ hasText: '£3,702.56' }).filter({ hasText: names[1] })).toHaveCount(1);
  await expect(creditorItems.filter({ hasText: creditor })).toHaveCount(1);

  await page.getByText(/All nodes as a list/).click();
  await creditorItems.filter({ hasText: creditor }).click();
  await page.getByTestId('node-details').getByTestId('node-details-focus').click();
  await expect(page.getByTestId('graph-focus')).toContainText(creditor);
  expect(await items.filter({ hasText: '£3,702.56' }).count()).toBeGreaterThanOrEqual(2);
  await expect(clientItems.filter({ hasText: names[0] })).toHaveCount(0);

  await expect(page).toHaveURL(/[?&]focus=/);
  await page.goBack();
  await expect(page.getByTestId('graph-focus')).toHaveCount(0);
  await expect(page).toHaveURL(/\/graph$/);

  await creditorItems.filter({ hasText: creditor }).click();
  await page.getByTestId('node-details').getByTestId('node-details-focus').click();
  await expect(page.getByTestId('graph-focus')).toBeVisible();
  await page.getByTestId('graph-zoom-fit').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('node-details')).toHaveCount(0);
  await page.getByTestId('graph-focus-clear').click();
  await expect(page.getByTestId('graph-focus')).toHaveCount(0);
  await expect(clientItems.filter({ hasText: names[1] })).toHaveCount(1);
});

test('drill-down from a search shows the neighbours', async ({ page, request }) => {
  const names = ['Focus Client One', 'Focus Client Two'];
  for (const name of names) {
    const clientId = await createClientByApi(request, name);
    await uploadPdfsInOrder(request, clientId, [sample('synthetic/05_energy_arrears.pdf')]);
  }
  const creditor = 'Quillstone Energy Ltd';

  await page.goto('/graph');
  const items = page.getByTestId('graph-node-item');
  const creditorItems = items.and(page.locator('[data-node-id^="creditor:"]'));
  const debtItems = items.and(page.locator('[data-node-id^="debt:"]'));
  await page.getByTestId('graph-search').fill('Quillstone');
  await page.getByText(/All nodes as a list/).click();
  await creditorItems.filter({ hasText: creditor }).click();
  await page.getByTestId('node-details').getByTestId('node-details-focus').click();

  await expect(page.getByTestId('graph-focus')).toContainText(creditor);
  await expect(page).toHaveURL(/[?&]focus=/);
  await expect(page).toHaveURL(/[?&]q=Quillstone/);
  await expect(page.getByTestId('graph-search')).toHaveValue('Quillstone');
  // Only the creditor and its debts, each debt named with its client.
  await expect(items.and(page.locator('[data-node-id^="client:"]'))).toHaveCount(0);
  for (const name of names) await expect(debtItems.filter({ hasText: `${creditor} £612.48` }).filter({ hasText: name })).toHaveCount(1);
  const owedToIt = page.getByTestId('node-details').getByTestId('node-details-relation').filter({ hasText: /^Debts owed to it/ });
  for (const name of names) await expect(owedToIt).toContainText(`${creditor} £612.48 (${name})`);

  await debtItems.filter({ hasText: names[1] }).click();
  const details = page.getByTestId('node-details');
  await expect(details.getByTestId('node-details-relation').filter({ hasText: /^Owed by/ })).toContainText(`${names[1]} (not drawn)`);
  await expect(details.getByTestId('node-details-link').first()).toHaveText('05_energy_arrears.pdf, page 1');

  await page.getByTestId('graph-focus-clear').click();
  await expect(page.getByTestId('graph-focus')).toHaveCount(0);
  await expect(page).toHaveURL(/\/graph\?q=Quillstone$/);
  await expect(page.getByTestId('graph-search')).toHaveValue('Quillstone');
  await expect(creditorItems.filter({ hasText: creditor })).toHaveCount(1);
  for (const name of names) await expect(debtItems.filter({ hasText: name })).toHaveCount(1);
});

test('keeping debts separate can be undone', async ({ page, request }) => {
  const clientId = await createClientByApi(request, 'Screen Keep Apart Client');
  await uploadPdfsInOrder(request, clientId, ['northmere-card-statement', 'northmere-card-reminder'].map((name) => path.join(resolutionLetters, `${name}.pdf`)));
  await page.goto(`/clients/${clientId}`);

  const proposal = page.getByTestId('merge-proposal');
  await expect(proposal).toHaveCount(1);
  await expect(proposal.getByTestId('merge-proposal-debt').filter({ hasText: /ending \d{4}/ })).not.toHaveCount(0);
  await proposal.getByTestId('merge-reject').click();
  await expect(proposal).toHaveCount(0);
  await expect(page.getByTestId('merge-kept-apart')).toContainText('Kept separate');
  await expect(page.getByTestId('debt-row')).toHaveCount(2);

  await page.getByTestId('merge-undo-reject').click();
  await expect(proposal).toHaveCount(1);
  await expect(page.getByTestId('merge-kept-apart')).toHaveCount(0);
  const statuses = (await (await request.get(`/api/clients/${clientId}/merge-proposals?status=all`)).json()).proposals.map((item: { status: string }) => item.status);
  expect(statuses).toEqual(['open']);

  await proposal.getByTestId('merge-reject').click();
  await page.reload();
  await expect(proposal).toHaveCount(0);
  const keptList = page.getByTestId('kept-apart');
  await keptList.locator('summary').click();
  await keptList.getByTestId('kept-apart-reopen').click();
  await expect(proposal).toHaveCount(1);
  await expect(keptList).toHaveCount(0);
});

test('two debts merged by hand, then undone', async ({ page, request }) => {
  const clientId = await createClientByApi(request, 'Screen Manual Merge Client');
  await uploadPdfsInOrder(request, clientId, ['northmere-loan-arrears', 'northmere-card-statement'].map((name) => path.join(resolutionLetters, `${name}.pdf`)));
  await page.goto(`/clients/${clientId}`);
  const rows = page.getByTestId('debt-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('merge-proposal')).toHaveCount(0);
  const keptId = await rows.first().getAttribute('data-debt-id');

  await rows.first().getByTestId('debt-toggle').click();
  const mergeWith = page.getByTestId('debt-merge-with');
  await expect(mergeWith.getByTestId('debt-merge-start')).toBeDisabled();
  await mergeWith.getByTestId('debt-merge-choice').selectOption({ index: 1 });
  await mergeWith.getByTestId('debt-merge-start').click();
  const dialog = page.getByTestId('debt-merge-dialog');
  await expect(dialog).toContainText('becomes part of');
  await dialog.getByTestId('confirm-dialog-confirm').click();

  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-debt-id', keptId!);
  await expect(page.getByTestId('debt-mention')).toHaveCount(2);
  await expect(page.getByTestId('debt-merged')).toContainText('is now part of this debt');

  await page.getByTestId('debt-merged-undo').click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('debt-merged')).toHaveCount(0);
});
