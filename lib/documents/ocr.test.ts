import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareImage } from './images';
import { escapeLineStart, recognizePage, shutdownOcr, type OcrResult } from './ocr';
import { readSample } from './test-samples';

const timeoutMs = 60_000;

afterAll(async () => {
  await shutdownOcr();
});

describe('recognizePage', () => {
  let councilTax: OcrResult;
  beforeAll(async () => {
    const image = await prepareImage(readSample('synthetic/01_council_tax_reminder.scan-p1.jpg'), { maxMegapixels: 60, timeoutMs });
    councilTax = await recognizePage(image.png, { timeoutMs });
  });

  it('reads the account reference', () => {
    expect(councilTax.markdown).toContain('40118823');
  });

  it('reads the amount overdue', () => {
    expect(councilTax.markdown).toContain('£276.30');
  });

  it('reports high confidence', () => {
    expect(councilTax.confidence).toBeGreaterThan(80);
  });

  it('separates paragraphs with blank lines', () => {
    expect(councilTax.markdown).toContain('\n\nDear Ms Ashdale,\n\n');
  });

  it('keeps paragraph line breaks', () => {
    expect(councilTax.markdown).toMatch(/magistrates. court to issue a summons/);
    expect(councilTax.markdown).toMatch(/and the whole\nof the balance still owed/);
  });

  it('returns plain text beside the markdown', () => {
    expect(councilTax.text).toContain('Balance remaining for the year £690.75');
  });

  it('starts a new worker after a shutdown', async () => {
    await shutdownOcr();
    const image = await prepareImage(readSample('public/a09_invoice_SammyMaystone.png'), { maxMegapixels: 60, timeoutMs, maxSide: 1200 });
    const invoice = await recognizePage(image.png, { timeoutMs });
    expect(invoice.text).toMatch(/invoice/i);
  });

  it('rejects an aborted page', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(recognizePage(new Uint8Array([1, 2, 3]), { timeoutMs, signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});

describe('escapeLineStart', () => {
  it.each([
    ['0455.', '0455\\.'],
    ['12) Pay now', '12\\) Pay now'],
    ['# 4 Weir Lane', '\\# 4 Weir Lane'],
    ['Total £276.30', 'Total £276.30'],
  ])('escapes %s', (line, expected) => {
    expect(escapeLineStart(line)).toBe(expected);
  });
});
