import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { storageStates } from './playwright.config';
import { createClientByApi, fakeModelServer, removeFakeModel, sample } from './support/fakes';

test.beforeEach(async ({ request }) => {
  await fakeModelServer(request, 'text').reset();
  await fakeModelServer(request, 'vision').reset();
});

test('text model down shows passages instead', async ({ page, request }) => {
  const clientId = await createClientByApi(request, 'Fallback Client');
  await page.goto(`/clients/${clientId}`);
  await page.getByTestId('upload-input').setInputFiles([sample('synthetic/12_overdraft_demand.pdf')]);
  await expect(page.getByTestId('document-row')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });

  await fakeModelServer(request, 'text').setBehaviour({ mode: 'fail' });
  await page.getByTestId('ask-input').fill('How much is the overdraft over its limit?');
  await page.getByTestId('ask-submit').click();
  const fallback = page.getByTestId('answer-fallback');
  await expect(fallback).toBeVisible();
  await expect(fallback).toHaveAttribute('data-code', 'model_unavailable');
  await expect(fallback).toContainText('The text model is not available just now. The passages found are below');
  await expect(fallback).toContainText('ask an admin to check the Status page');
  await expect(fallback).not.toContainText('http://', { useInnerText: true });
  await expect(page.getByTestId('source-item').first()).toContainText('12_overdraft_demand.pdf');
  await expect(page.getByTestId('answer-error')).toHaveCount(0);

  const details = fallback.getByTestId('technical-details');
  await expect(details).not.toHaveAttribute('open');
  await details.getByText('Technical details').click();
  await expect(details).toContainText('text model server at http://127.0.0.1', { useInnerText: true });
});

test('document notice leads with the figures check', async ({ page, request }) => {
  const clientId = await createClientByApi(request, 'Notice Client');
  await fakeModelServer(request, 'text').setBehaviour({ mode: 'fail' });
  await fakeModelServer(request, 'vision').setBehaviour({ mode: 'fail' });
  await page.goto(`/clients/${clientId}`);
  await page.getByTestId('upload-input').setInputFiles([sample('synthetic/14_enforcement_agent_notice.scan.pdf')]);
  const row = page.getByTestId('document-row');
  await expect(row).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });

  const notice = row.getByTestId('document-notice');
  await expect(notice).toHaveCount(1);
  await expect(notice).toHaveAttribute('data-tone', 'warning');
  // In the list the notice is one line until the advisor opens it.
  await expect(notice.getByTestId('document-notice-summary')).toHaveText('Check the figures against the letter');
  await expect(notice.getByTestId('document-notice-text')).toBeHidden();
  await notice.getByTestId('document-notice-summary').click();
  await expect(notice.getByTestId('document-notice-text')).toHaveText(
    'Scanned pages were read by text recognition (OCR), which can misread figures and names. The debts were found without the text model, so some may be missing or wrong.',
  );
  await expect(notice).not.toContainText('Tesseract', { useInnerText: true });

  const details = notice.getByTestId('technical-details');
  await details.getByText('Technical details').click();
  await expect(details.getByRole('listitem')).toHaveText([/read by OCR \(Tesseract\) instead/, /^Not added to semantic search/, /found by rules alone/]);

  await row.getByTestId('document-link').click();
  await expect(page.getByTestId('document-back-link')).toHaveText('Back to Notice Client');
  await expect(page.getByTestId('document-notice')).toHaveCount(1);
  await expect(page.getByTestId('document-notice')).toContainText('Check the figures against the letter');
});

test('letter fallback keeps the notes', async ({ page, request }) => {
  const notes = JSON.parse(fs.readFileSync(sample('notes/notes.json'), 'utf8'))[1] as { clientName: string; notes: string };
  await fakeModelServer(request, 'text').setBehaviour({ mode: 'fail' });
  await page.goto('/letters');
  await page.getByTestId('letter-client-name').fill(notes.clientName);
  await page.getByTestId('letter-notes').fill(notes.notes);
  await page.getByTestId('letter-submit').click();

  const fallback = page.getByTestId('letter-fallback');
  await expect(fallback).toBeVisible();
  await expect(fallback).toContainText('Your notes are kept in this tab');
  await expect(fallback).toContainText('ask an admin to check the Status page');
  await expect(fallback).not.toContainText('http://', { useInnerText: true });
  await expect(fallback.getByTestId('technical-details')).toContainText('text model server at http://127.0.0.1');
  await expect(page.getByTestId('letter-notes')).toHaveValue(notes.notes);
  await page.reload();
  await expect(page.getByTestId('letter-notes')).toHaveValue(notes.notes);
  await page.getByTestId('letter-clear-draft').click();
});

test('password-protected PDF opens with its password', async ({ page, request }) => {
  const clientId = await createClientByApi(request, 'Password Client');
  await page.goto(`/clients/${clientId}`);
  await page.getByTestId('upload-input').setInputFiles([sample('public/c01_pdfminer_aes-256_user-baz_owner-foo.pdf')]);
  const row = page.getByTestId('document-row');
  await expect(row).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
  await expect(row.getByTestId('document-error')).toContainText('password-protected');

  await row.getByTestId('document-password-input').fill('wrong');
  await row.getByTestId('document-password-input').press('Enter');
  await expect(row.getByTestId('document-error')).toContainText('incorrect', { timeout: 60_000 });

  await row.getByTestId('document-password-input').fill('baz');
  await row.getByTestId('document-password-input').press('Enter');
  await expect(row).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  const documentId = await row.getAttribute('data-document-id');
  await page.goto(`/documents/${documentId}`);
  await expect(page.getByTestId('document-page').first()).toContainText('Secret!');

  // The password is never stored, so the page cannot be drawn again; the advisor is sent to the original.
  await page.getByTestId('page-picture-toggle').first().click();
  await expect(page.getByTestId('page-picture-failed')).toContainText('Open the original file');
});

test.describe('as an admin', () => {
  test.use({ storageState: storageStates.admin });

  test('knowledge base answers with citations', async ({ page }) => {
    await page.goto('/knowledge');
    await page.getByTestId('upload-input').setInputFiles([sample('knowledge/kb02_guide1_breathing_space_procedure.pdf')]);
    const row = page.getByTestId('document-row').filter({ hasText: 'kb02_guide1_breathing_space_procedure.pdf' });
    await expect(row).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
    const documentId = await row.getAttribute('data-document-id');

    await page.getByTestId('ask-input').fill('On which day does the centre book the midway review of a standard breathing space?');
    await page.getByTestId('ask-submit').click();
    const answer = page.getByTestId('answer');
    await expect(answer).toHaveAttribute('data-phase', 'done');
    await expect(answer.getByTestId('answer-text')).toContainText('day 30');
    await expect(answer.getByTestId('citation-link').first()).toHaveAttribute('href', new RegExp(`^/documents/${documentId}#page-\\d+$`));
    await expect(answer.getByTestId('source-link').filter({ hasText: /page 2/i })).not.toHaveCount(0);
  });

  test('status page pulls a missing model', async ({ page, request }) => {
    await removeFakeModel(request, 'vision', 'nomic-embed-text');
    await page.goto('/status');
    const embed = page.getByTestId('status-model-row').and(page.locator('[data-role="embed"]'));
    await expect(embed).toHaveAttribute('data-reachable', 'true');
    await expect(embed).toHaveAttribute('data-active-model', '');
    await expect(page.getByTestId('status-model-row').and(page.locator('[data-role="text"]'))).toHaveAttribute('data-active-model', 'llama3.2');

    await embed.getByTestId('model-pull-button').click();
    await expect(embed.getByTestId('model-pull-progress')).toBeVisible();
    await expect(embed.getByTestId('model-pull-done')).toBeVisible({ timeout: 30_000 });
    await expect(embed).toHaveAttribute('data-active-model', 'nomic-embed-text', { timeout: 30_000 });
  });
});

test('letter flags figures not in the notes', async ({ page, request }) => {
  const clientId = await createClientByApi(request, 'Wrenna Figtree');
  await page.goto('/letters');
  await page.getByTestId('letter-client-select').selectOption({ label: 'Wrenna Figtree' });
  await page.getByTestId('letter-client-name').fill('Ms Dana Whitcombe');
  await expect(page.getByTestId('letter-name-mismatch')).toContainText('not the name of the client chosen above, Wrenna Figtree');
  await page.getByTestId('letter-client-name').fill('Wrenna Figtree');
  await expect(page.getByTestId('letter-name-mismatch')).toHaveCount(0);
  await page.getByTestId('letter-notes').fill('Rent arrears of £400.00. Landlord agrees to wait for a plan.');
  await page.getByTestId('letter-notes').press('Control+Enter');

  await expect(page.getByTestId('letter-output')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('letter-added-figures')).toHaveText('£999.99');
  await expect(page.getByTestId('letter-missing-figures')).toHaveCount(0);

  // The letter, with its checks and the advisor's edits, survives a reload in this tab.
  await page.getByTestId('letter-editor').fill('Dear Ms Figtree,\n\nEdited by the advisor.');
  await page.reload();
  await expect(page.getByTestId('letter-editor')).toHaveValue('Dear Ms Figtree,\n\nEdited by the advisor.');
  await expect(page.getByTestId('letter-added-figures')).toHaveText('£999.99');

  await page.goto(`/clients/${clientId}#letters`);
  const saved = page.getByTestId('client-letter');
  await expect(saved).toHaveCount(1);
  await saved.getByText('Letter to Wrenna Figtree').click();
  await expect(saved.getByTestId('client-letter-body')).toContainText('£999.99');
  // The check made when the letter was written is filed with it.
  await expect(saved).toContainText('check before sending');
  await expect(saved.getByTestId('letter-added-figures')).toHaveText('£999.99');

  // Clearing the notes removes the letter from the tab as well.
  await page.goto('/letters');
  await page.getByTestId('letter-clear-draft').click();
  await page.getByTestId('confirm-dialog-confirm').click();
  await expect(page.getByTestId('letter-editor')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('letter-editor')).toHaveCount(0);
});

test('client list finds a client by name', async ({ page, request }) => {
  const stamp = Date.now().toString(36);
  for (let index = 0; index < 8; index++) await createClientByApi(request, `Find Client ${stamp} ${index}`);
  await createClientByApi(request, `Ms Zélie Findlater ${stamp}`);
  await page.goto('/clients');
  const find = page.getByTestId('client-find');
  await find.fill(`zelie ${stamp}`);
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await expect(page.getByTestId('client-link')).toHaveText(`Ms Zélie Findlater ${stamp}`);
  await find.fill('no such client anywhere');
  await expect(page.getByTestId('client-find-none')).toContainText('no such client anywhere');
});

test('letters page warns before writing when the text model is missing', async ({ page, request }) => {
  // The fake text server holds only the configured model, not its fallback.
  await removeFakeModel(request, 'text', 'llama3.2');
  try {
    const notice = page.getByTestId('letter-model-down');
    // The server keeps a model list for a few seconds, so the page is reloaded until it shows the change.
    await expect(async () => {
      await page.goto('/letters');
      await expect(notice).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 40_000 });
    await expect(notice).toContainText('You can still type the notes');
  } finally {
    await fakeModelServer(request, 'text').reset();
    // The health check reads the model lists afresh, so the next tests do not see the model as missing.
    await request.get('/api/health');
  }
});

test('a too-short question is a form error, not an answer', async ({ page, request }) => {
  const clientId = await createClientByApi(request, 'Short Question Client');
  await page.goto(`/clients/${clientId}#ask`);
  await page.getByTestId('ask-input').fill('ab');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('ask-form')).toContainText('Type a question of at least 3 characters.');
  await expect(page.getByTestId('ask-input')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('answer')).toHaveCount(0);
  await page.getByTestId('ask-input').fill('abc?');
  await expect(page.getByTestId('ask-form')).not.toContainText('at least 3 characters');
});
