import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FALLBACK_TRANSCRIPT, startFakeOllama, type FakeOllama } from '@/e2e/fake-ollama/server';
import { parseConfig } from '../config';
import { OllamaModels } from '../llm/ollama';
import { convertDocument, ocrImage, type ConvertOptions } from './convert';
import { shutdownOcr } from './ocr';
import { testLimits } from './test-conversion';
import { buildPdf, readSample } from './test-samples';
import { VISION_PROMPT } from './vision';

let fake: FakeOllama;
let options: ConvertOptions;

beforeAll(async () => {
  fake = await startFakeOllama({ name: 'vision', models: ['llava:7b'] });
  options = { vision: new OllamaModels(parseConfig({ OLLAMA_VISION_URL: fake.url })).vision, limits: testLimits };
});

afterEach(() => {
  fake.reset();
});

afterAll(async () => {
  await fake.close();
  await shutdownOcr();
});

function chatRequests() {
  return fake.requests().filter((request) => request.path === '/api/chat');
}

describe('convertDocument with a vision model', () => {
  it('reads a scan by vision', async () => {
    const result = await convertDocument(readSample('synthetic/01_council_tax_reminder.scan.pdf'), options);
    expect(result.pages).toEqual([{ pageNumber: 1, method: 'vision', markdown: FALLBACK_TRANSCRIPT.trim(), note: undefined }]);
    expect(result.warnings).toEqual([]);
  });

  it('sends raw base64 and prompt', async () => {
    await convertDocument(readSample('synthetic/01_council_tax_reminder.scan.pdf'), options);
    const [request] = chatRequests();
    // The fake decodes images as Ollama does, so a data: URL would fail the call instead.
    expect(request).toMatchObject({ model: 'llava:7b', imageCount: 1, lastUserMessage: VISION_PROMPT });
    expect(request.imageBytes[0]).toBeGreaterThan(100_000);
  });

  it('skips vision for text pages', async () => {
    const result = await convertDocument(readSample('synthetic/01_council_tax_reminder.pdf'), options);
    expect(result.pages[0].method).toBe('text-layer');
    expect(chatRequests()).toEqual([]);
  });

  it('reads junk text layers by vision', async () => {
    const result = await convertDocument(readSample('public/c15_ocrmypdf_truetype_font_nomapping.pdf'), options);
    expect(result.pages).toMatchObject([{ method: 'vision', note: 'text layer unreadable' }]);
    expect(result.warnings).toEqual(['Text layer unreadable: read by the vision model instead.']);
  });

  it('falls back on empty output', async () => {
    fake.setBehaviour({ mode: 'empty' });
    const result = await convertDocument(readSample('synthetic/01_council_tax_reminder.scan-p1.jpg'), options);
    expect(result.pages).toMatchObject([{ method: 'ocr', note: 'vision output was empty' }]);
    expect(result.pages[0].markdown).toContain('40118823');
    expect(result.warnings).toEqual(['Vision output was empty: read by OCR (Tesseract) instead.']);
  });

  it('falls back on looping output', async () => {
    fake.setBehaviour({ mode: 'loop' });
    const result = await convertDocument(readSample('public/c15_ocrmypdf_truetype_font_nomapping.pdf'), options);
    expect(result.pages).toMatchObject([{ method: 'ocr', note: 'text layer unreadable; vision output was looping', markdown: 'Phone' }]);
  });

  it('falls back on server failure', async () => {
    fake.setBehaviour({ mode: 'fail' });
    const result = await convertDocument(readSample('public/c15_ocrmypdf_truetype_font_nomapping.pdf'), options);
    expect(result.pages).toMatchObject([{ method: 'ocr', note: 'text layer unreadable; vision server returned an error' }]);
  });

  it('stops asking a vision model that timed out', async () => {
    fake.setBehaviour({ mode: 'hang' });
    const vision = new OllamaModels(parseConfig({ OLLAMA_VISION_URL: fake.url, MODEL_TIMEOUT_MS: '1000' })).vision;
    const scanThenBlank = buildPdf([{ jpeg: readSample('synthetic/08_debt_collection_sold_on.scan-p1.jpg') }, { lines: [] }]);
    const result = await convertDocument(scanThenBlank, { ...options, vision });

    expect(result.pages.map((page) => [page.method, page.note])).toEqual([
      ['ocr', 'vision model timed out'],
      ['none', 'vision model timed out; OCR found no text'],
    ]);
    expect(chatRequests()).toHaveLength(1);
    expect(result.warnings).toEqual([
      'Vision model timed out on pages 1–2: read by OCR (Tesseract) instead where it found text.',
      'OCR found no text on page 2: no text could be read.',
    ]);
  });

  it('falls back on missing model', async () => {
    const empty = await startFakeOllama({ name: 'vision-without-models', models: [] });
    try {
      const vision = new OllamaModels(parseConfig({ OLLAMA_VISION_URL: empty.url })).vision;
      const result = await convertDocument(readSample('public/c15_ocrmypdf_truetype_font_nomapping.pdf'), { ...options, vision });
      expect(result.pages).toMatchObject([{ method: 'ocr', note: 'text layer unreadable; vision model not installed' }]);
    } finally {
      await empty.close();
    }
  });
});

describe('ocrImage with a vision model', () => {
  it('returns the transcription as plain text', async () => {
    const result = await ocrImage(readSample('synthetic/01_council_tax_reminder.scan-p1.jpg'), options);
    expect(result.method).toBe('vision');
    expect(result.markdown).toBe(FALLBACK_TRANSCRIPT.trim());
    expect(result.text).toBe('Fake transcript\n\nThe fake vision model has no fixture for this image, so it returns this fixed page.');
  });
});
