import fs from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { OllamaModels } from '../llm/ollama';
import { convertDocument, ocrImage, type ConvertOptions } from './convert';
import { shutdownOcr } from './ocr';
import { allMarkdown, convertSample as convert, testLimits } from './test-conversion';
import { buildPdf, readSample, rejectionOf as rejection, samplePath } from './test-samples';

const withoutVision: ConvertOptions = { vision: null, limits: testLimits };

/** Returns a loopback port that nothing listens on: taken from the system, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Share of the reference's words, counted with repeats, that the OCR output also has. */
function wordRecall(reference: string, output: string): number {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const available = new Map<string, number>();
  for (const word of words(output)) available.set(word, (available.get(word) ?? 0) + 1);
  const expected = words(reference);
  let found = 0;
  for (const word of expected) {
    const left = available.get(word) ?? 0;
    if (left > 0) {
      found += 1;
      available.set(word, left - 1);
    }
  }
  return found / expected.length;
}

afterAll(async () => {
  await shutdownOcr();
});

describe('convertDocument on scans', () => {
  it('reads a scanned PDF by OCR', async () => {
    const result = await convert('synthetic/01_council_tax_reminder.scan.pdf');
    expect(result.pages).toMatchObject([{ pageNumber: 1, method: 'ocr' }]);
    expect(result.pages[0].note).toBeUndefined();
    expect(allMarkdown(result)).toContain('40118823');
    expect(allMarkdown(result)).toContain('£276.30');
  });

  it('skips an unreachable vision server', async () => {
    const vision = new OllamaModels(parseConfig({ OLLAMA_VISION_URL: `http://127.0.0.1:${await closedPort()}` })).vision;
    const result = await convert('synthetic/14_enforcement_agent_notice.scan.pdf', { vision });

    expect(result.pages.map((page) => [page.method, page.note])).toEqual([
      ['ocr', 'vision server unreachable'],
      ['ocr', 'vision server unreachable'],
    ]);
    expect(result.warnings).toEqual(['Vision server unreachable on pages 1–2: read by OCR (Tesseract) instead.']);
    expect(allMarkdown(result)).toContain('BRE-4471-0092-33');
    expect(allMarkdown(result)).toContain('£1,287.48');
  });

  it('reads a JPEG without vision server', async () => {
    const vision = new OllamaModels(parseConfig({ OLLAMA_VISION_URL: `http://127.0.0.1:${await closedPort()}` })).vision;
    const result = await convert('synthetic/01_council_tax_reminder.scan-p1.jpg', { vision });

    expect(result.mimeType).toBe('image/jpeg');
    expect(result.pages).toMatchObject([{ pageNumber: 1, method: 'ocr', note: 'vision server unreachable' }]);
    expect(result.warnings).toEqual(['Vision server unreachable: read by OCR (Tesseract) instead.']);
    expect(allMarkdown(result)).toContain('40118823');
    expect(allMarkdown(result)).toContain('£276.30');
  });

  it('straightens a tilted photo before reading it', async () => {
    // The page in this photo is tilted by about 5.5 degrees; read as it is, its lines run into each other.
    const result = await convert('synthetic/01_council_tax_reminder.photo2.jpg');
    const text = allMarkdown(result).replace(/\s+/g, ' ');
    expect(text).toContain('The amount now overdue on your account is £276.30');
    expect(text).toContain('it must reach us by 19 October 2026');
  });

  it('matches the a15 reference text', async () => {
    const result = await convert('public/a15_scan_linn_brochure.pdf');
    const reference = fs.readFileSync(samplePath('public/a16_scan_linn_brochure.expected.txt'), 'utf8');
    // Measured 0.97 with tesseract.js 7 and the 4.0.0_best_int English data at 200 dpi.
    expect(wordRecall(reference, allMarkdown(result))).toBeGreaterThan(0.9);
  });

  it('reads a mixed PDF page by page', async () => {
    const mixed = buildPdf([
      { lines: ['Council tax reminder', 'Account reference 40118823'] },
      { jpeg: readSample('synthetic/05_energy_arrears.scan-p1.jpg') },
    ]);
    const result = await convertDocument(mixed, withoutVision);
    expect(result.pages.map((page) => page.method)).toEqual(['text-layer', 'ocr']);
    expect(result.pages[0].markdown).toContain('Account reference 40118823');
    expect(result.pages[1].markdown).toContain('£612.48');
  });

  it('rejects a document without text', async () => {
    const error = await rejection(convertDocument(buildPdf([{ lines: [] }]), withoutVision));
    expect(error.code).toBe('no_text_found');
    expect(error.message).toContain('OCR found no text');
  });
});

describe('ocrImage', () => {
  let result: Awaited<ReturnType<typeof ocrImage>>;
  beforeAll(async () => {
    result = await ocrImage(readSample('synthetic/08_debt_collection_sold_on.scan-p1.jpg'), { vision: null, limits: testLimits });
  });

  it('reads a picture by OCR', () => {
    expect(result.method).toBe('ocr');
    expect(result.text).toContain('BPR/88314207');
  });

  it('returns markdown beside the text', () => {
    expect(result.markdown).toContain('£3,702.56');
  });

  it('rejects a PDF', async () => {
    const error = await rejection(ocrImage(readSample('synthetic/01_council_tax_reminder.pdf'), { vision: null, limits: testLimits }));
    expect(error.code).toBe('unsupported_file_type');
  });
});
