import { afterAll, describe, expect, it } from 'vitest';
import { convertDocument, type ConvertedPage, type ConvertOptions } from './convert';
import { shutdownOcr } from './ocr';
import { allMarkdown, convertSample as convert, testLimits } from './test-conversion';
import { buildPdf, formatPounds, readGroundTruth, rejectionOf as rejection, squash, syntheticTextPdfs } from './test-samples';

/** Encrypted samples with their user password and their text. */
const encryptedSamples = [
  ['public/c01_pdfminer_aes-256_user-baz_owner-foo.pdf', 'baz', 'Secret!'],
  ['public/c02_pdfminer_rc4-40_user-baz_owner-foo.pdf', 'baz', 'Secret!'],
  ['public/c03_pdfminer_aes-256-r6_usersecret.pdf', 'usersecret', 'Hello World'],
];
const withoutVision: ConvertOptions = { vision: null, limits: testLimits };

afterAll(async () => {
  await shutdownOcr();
});

describe('convertDocument on synthetic text PDFs', () => {
  it.each(syntheticTextPdfs())('reads %s text layer figures', async (file) => {
    const truth = readGroundTruth(file);
    const result = await convert(`synthetic/${file}`);

    expect(result.mimeType).toBe('application/pdf');
    expect(result.pages.map((page) => page.method)).toEqual(Array(truth.pages).fill('text-layer'));
    expect(result.warnings).toEqual([]);
    const markdown = allMarkdown(result);
    for (const debt of truth.debts) {
      expect(markdown).toContain(formatPounds(debt.amount));
      // Account numbers are printed with spaces in some letters and without in others.
      if (debt.accountRef) expect(squash(markdown)).toContain(squash(debt.accountRef));
    }
  });
});

describe('convertDocument on damaged and unusual PDFs', () => {
  it.each(encryptedSamples)('requires a password for %s', async (file) => {
    expect((await rejection(convert(file))).code).toBe('pdf_password_required');
  });

  it.each(encryptedSamples)('opens %s with its password', async (file, password, text) => {
    const result = await convert(file, { password });
    expect(result.pages).toEqual([{ pageNumber: 1, method: 'text-layer', markdown: text }]);
  });

  it('opens with the owner password', async () => {
    const result = await convert('public/c01_pdfminer_aes-256_user-baz_owner-foo.pdf', { password: 'foo' });
    expect(result.pages[0].markdown).toBe('Secret!');
  });

  it('rejects a wrong password', async () => {
    const error = await rejection(convert('public/c01_pdfminer_aes-256_user-baz_owner-foo.pdf', { password: 'wrong' }));
    expect(error.code).toBe('pdf_password_incorrect');
  });

  it('recovers a broken stream (c04)', async () => {
    const result = await convert('public/c04_pdfminer_zen_of_python_corrupted.pdf');
    expect(result.pages[0].method).toBe('text-layer');
    expect(result.pages[0].markdown).toContain('Beautiful is better than ugly.');
    expect(result.pages[0].markdown).toContain('Namespaces are one honking great idea');
  });

  it('reads a turned page in reading order (c04)', async () => {
    // The page has /Rotate 90; unturned, its lines ran down the page and came out one word per line.
    const result = await convert('public/c04_pdfminer_zen_of_python_corrupted.pdf');
    expect(result.pages[0].markdown).toContain('Special cases aren’t special enough to break the rules.\nAlthough practicality beats purity.');
  });

  it('sends an unmapped font to OCR (c06)', async () => {
    const result = await convert('public/c06_pdfminer_issue-791-non-unicode-cmap.pdf');
    expect(result.pages).toMatchObject([{ method: 'ocr', note: 'text layer unreadable' }]);
    expect(result.pages[0].markdown).toMatch(/prost.edky na/);
    expect(result.warnings).toEqual(['Text layer unreadable: read by OCR (Tesseract) instead.']);
  });

  it('keeps a one-word page (c08)', async () => {
    const result = await convert('public/c08_pdfminer_issue-886-xref-stream-widths.pdf');
    expect(result.pages).toEqual([{ pageNumber: 1, method: 'text-layer', markdown: 'Hello' }]);
  });

  it('reads a dense form (c09)', async () => {
    const result = await convert('public/c09_irs_f1040nr_acroform.pdf');
    expect(result.pages.map((page) => page.method)).toEqual(Array(5).fill('text-layer'));
    expect(result.pages[0].markdown).toContain('U.S. Nonresident Alien Income Tax Return');
  });

  it('rejects a structureless PDF (c10)', async () => {
    const error = await rejection(convert('public/c10_ocrmypdf_invalid.pdf'));
    expect(error.code).toBe('pdf_invalid');
    expect(error.message).toContain('damaged or incomplete');
  });

  it('reads a rotated scan by OCR (c12)', async () => {
    const result = await convert('public/c12_ocrmypdf_rotated_skew.pdf');
    expect(result.pages[0].method).toBe('ocr');
    expect(result.pages[0].markdown).toContain('LinnSequencer');
  });

  it('explains a LiveCycle form (c13)', async () => {
    const error = await rejection(convert('public/c13_ocrmypdf_livecycle_xfa.pdf'));
    expect(error.code).toBe('pdf_needs_rendering');
    expect(error.message).toContain('print it to a new PDF');
  });

  it('sends unmapped glyphs to OCR (c15)', async () => {
    const result = await convert('public/c15_ocrmypdf_truetype_font_nomapping.pdf');
    expect(result.pages).toMatchObject([{ method: 'ocr', note: 'text layer unreadable', markdown: 'Phone' }]);
  });

  it('reads filled-in form fields', async () => {
    const form = buildPdf([
      {
        lines: ['Financial statement', '', 'Client name', 'Monthly income'],
        fields: [
          { name: 'client', value: 'Corinne Ashdale', rect: [250, 724, 450, 740] },
          { name: 'income', value: '£1,145.85', rect: [250, 708, 450, 724] },
        ],
      },
    ]);
    const result = await convertDocument(form, withoutVision);
    expect(result.pages[0].markdown).toContain('| Client name | Corinne Ashdale |');
    expect(result.pages[0].markdown).toContain('| Monthly income | £1,145.85 |');
  });

  it('rejects an HTML page renamed .pdf', async () => {
    const html = new TextEncoder().encode('<!DOCTYPE html><html><head><title>Error</title></head><body>Not found</body></html>');
    const error = await rejection(convertDocument(html, withoutVision));
    expect(error.code).toBe('unsupported_file_type');
    expect(error.message).toContain('web page (HTML)');
  });

  it('rejects an empty file', async () => {
    expect((await rejection(convertDocument(new Uint8Array(), withoutVision))).code).toBe('file_empty');
  });

  it('rejects too many pages', async () => {
    const error = await rejection(convert('synthetic/13_letter_before_claim.pdf', { limits: { ...testLimits, maxPages: 3 } }));
    expect(error.code).toBe('pdf_too_many_pages');
    expect(error.message).toContain('This PDF has 4 pages; the limit is 3.');
  });
});

describe('convertDocument progress', () => {
  it('reports progress page by page', async () => {
    const events: string[] = [];
    await convert('synthetic/13_letter_before_claim.pdf', {
      onPageCount: (total) => {
        events.push(`total ${total}`);
      },
      onPage: (page: ConvertedPage, done, total) => {
        events.push(`page ${page.pageNumber} ${done}/${total}`);
      },
    });
    expect(events).toEqual(['total 4', 'page 1 1/4', 'page 2 2/4', 'page 3 3/4', 'page 4 4/4']);
  });

  it('stops between pages on abort', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const conversion = convert('synthetic/13_letter_before_claim.pdf', {
      signal: controller.signal,
      onPage: (page) => {
        seen.push(page.pageNumber);
        if (page.pageNumber === 2) controller.abort();
      },
    });
    await expect(conversion).rejects.toThrow(/abort/i);
    expect(seen).toEqual([1, 2]);
  });
});
