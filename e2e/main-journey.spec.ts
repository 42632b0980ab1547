import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { fakeModelServer, sample } from './support/fakes';

/**
 * The advisor's main job in the browser, on the production build: a client, two uploads (a text PDF
 * and a scanned PDF), their markdown, the debts, the graph, a cited answer and a streamed letter.
 */
test.describe.serial('main job', () => {
  let page: Page;
  let clientUrl: string;
  const ids: Record<'councilTax' | 'soldOn', string> = { councilTax: '', soldOn: '' };

  test.beforeAll(async ({ browser, request }) => {
    await fakeModelServer(request, 'text').reset();
    await fakeModelServer(request, 'vision').reset();
    page = await browser.newPage();
  });
  test.afterAll(async () => {
    await page.close();
  });

  test('create a client and upload documents', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/clients$/);
    await page.getByTestId('create-client-name').fill('Ms Corinne Ashdale');
    await page.getByTestId('create-client-submit').click();
    await expect(page.getByTestId('client-name')).toHaveText('Ms Corinne Ashdale');
    clientUrl = page.url();

    await page.getByTestId('upload-input').setInputFiles([sample('synthetic/01_council_tax_reminder.pdf'), sample('synthetic/08_debt_collection_sold_on.scan.pdf')]);
    const rows = page.getByTestId('document-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.and(page.locator('[data-status="ready"]'))).toHaveCount(2, { timeout: 120_000 });

    ids.councilTax = (await rows.filter({ hasText: '01_council_tax_reminder.pdf' }).getAttribute('data-document-id'))!;
    ids.soldOn = (await rows.filter({ hasText: '08_debt_collection_sold_on.scan.pdf' }).getAttribute('data-document-id'))!;
    expect(ids.councilTax).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids.soldOn).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('text PDF reads from its text layer', async () => {
    await page.goto(`/documents/${ids.councilTax}`);
    await expect(page.getByTestId('document-back-link')).toHaveText('Back to Ms Corinne Ashdale');
    const firstPage = page.getByTestId('document-page').first();
    await expect(firstPage.getByTestId('page-method')).toHaveAttribute('data-method', 'text-layer');
    await expect(firstPage).toContainText('COUNCIL TAX – REMINDER NOTICE');
    await expect(firstPage).toContainText('£276.30');
    await expect(firstPage).toContainText('40118823');
  });

  test('scanned PDF reads by the vision model', async () => {
    await page.goto(`/documents/${ids.soldOn}`);
    const firstPage = page.getByTestId('document-page').first();
    await expect(firstPage.getByTestId('page-method')).toHaveAttribute('data-method', 'vision');
    await expect(firstPage).toContainText('NOTICE OF ASSIGNMENT');
    await expect(firstPage).toContainText('£3,702.56');

    // The advisor can check the text read from a picture against the page itself.
    await firstPage.getByTestId('page-picture-toggle').click();
    const picture = firstPage.getByTestId('page-picture');
    await expect(picture).toHaveAttribute('data-state', 'shown', { timeout: 30_000 });
    expect(await picture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(500);
    await firstPage.getByTestId('page-picture-toggle').click();
    await expect(picture).toHaveCount(0);
  });

  test('page images reach only the vision server', async ({ request }) => {
    const textRequests = await fakeModelServer(request, 'text').requests();
    const visionRequests = await fakeModelServer(request, 'vision').requests();
    expect(visionRequests.filter((recorded) => recorded.imageCount > 0).length).toBeGreaterThan(0);
    expect(textRequests.filter((recorded) => recorded.imageCount > 0)).toEqual([]);
    expect(textRequests.some((recorded) => recorded.path === '/api/chat')).toBe(true);
  });

  test('debts table shows creditors and amounts', async () => {
    await page.goto(clientUrl);
    const councilTax = page.getByTestId('debt-row').filter({ hasText: 'Stavewick Borough Council' });
    await expect(councilTax.getByTestId('debt-amount')).toHaveText('£276.30');
    await expect(councilTax.getByTestId('debt-reference')).toContainText('40118823');
    await expect(councilTax).toHaveAttribute('data-priority', 'true');

    const soldOn = page.getByTestId('debt-row').filter({ hasText: 'Brackwater Portfolio Recoveries Ltd' });
    await expect(soldOn.getByTestId('debt-amount')).toHaveText('£3,702.56');
    await expect(soldOn).toContainText('Corrivale Card Services Ltd');
    await expect(soldOn.getByTestId('debt-source-link')).toHaveAttribute('href', new RegExp(`/documents/${ids.soldOn}#page-1`));
  });

  test('question gets an answer citing the document', async () => {
    await page.goto(clientUrl);
    await page.getByTestId('ask-input').fill('How much council tax is overdue?');
    await page.getByTestId('ask-submit').click();
    const answer = page.getByTestId('answer');
    await expect(answer).toHaveAttribute('data-phase', 'done');
    await expect(answer.getByTestId('answer-text')).toContainText('£276.30');
    const citation = answer.getByTestId('citation-link').first();
    await expect(citation).toHaveAttribute('href', new RegExp(`/documents/${ids.councilTax}#page-1`));
  });

  test('graph draws the client entities', async () => {
    await page.goto('/graph');
    await page.getByTestId('graph-client-select').selectOption({ label: 'Ms Corinne Ashdale' });
    const nodes = page.getByTestId('graph-node-item');
    const creditors = nodes.and(page.locator('[data-node-id^="creditor:"]'));
    await expect(creditors.filter({ hasText: 'Stavewick Borough Council' })).toHaveCount(1);
    await expect(creditors.filter({ hasText: 'Brackwater Portfolio Recoveries Ltd' })).toHaveCount(1);
    await expect(nodes.filter({ hasText: '£3,702.56' })).toHaveCount(1);

    const canvas = page.getByTestId('graph-canvas').locator('canvas').first();
    await expect(canvas).toBeVisible();
    await expect.poll(() => canvas.evaluate((element: HTMLCanvasElement) => {
      const context = element.getContext('2d')!;
      const { data } = context.getImageData(0, 0, element.width, element.height);
      let coloured = 0;
      for (let index = 0; index < data.length; index += 4) {
        const [red, green, blue, alpha] = [data[index], data[index + 1], data[index + 2], data[index + 3]];
        if (alpha > 0 && Math.max(red, green, blue) - Math.min(red, green, blue) > 40) coloured += 1;
      }
      return coloured;
    }), { message: 'coloured node pixels on the graph canvas' }).toBeGreaterThan(200);

    await page.getByText(/All nodes as a list/).click();
    await nodes.filter({ hasText: '£3,702.56' }).click();
    const details = page.getByTestId('node-details');
    await expect(details).toContainText('Debt');
    await expect(details.getByTestId('node-details-link').first()).toHaveAttribute('href', new RegExp(`/documents/${ids.soldOn}#page-1`));
  });

  test('letter streams in three parts', async ({ request }) => {
    const notes = JSON.parse(fs.readFileSync(sample('notes/notes.json'), 'utf8'))[0] as { clientName: string; notes: string };
    await fakeModelServer(request, 'text').setBehaviour({ mode: 'normal', tokenDelayMs: 15 });
    await page.goto('/letters');
    await page.getByTestId('letter-client-name').fill(notes.clientName);
    await page.getByTestId('letter-notes').fill(notes.notes);
    await page.getByTestId('letter-submit').click();

    await expect(page.getByTestId('letter-stream')).toContainText('Your situation');
    await expect(page.getByTestId('letter-output')).toHaveAttribute('data-phase', 'streaming');
    await expect(page.getByTestId('letter-output')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    const letter = await page.getByTestId('letter-editor').inputValue();
    for (const heading of ['Your situation', 'What we will do', 'What you should do']) expect(letter).toContain(heading);
    for (const figure of ['£912.40', '£1,694.72', '£612.09', '£3,240.18', '14 Dec']) expect(letter).toContain(figure);
    await expect(page.getByTestId('letter-missing-figures')).toHaveCount(0);
    await expect(page.getByTestId('letter-added-figures')).toHaveCount(0);
    await fakeModelServer(request, 'text').setBehaviour({ mode: 'normal' });
  });
});
