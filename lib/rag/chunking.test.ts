import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PdfDocument } from '@/lib/documents/pdf';
import { pageTextToMarkdown } from '@/lib/documents/markdown';
import { samplePath } from '@/lib/documents/test-samples';
import { chunkPages, MAX_CHUNK_CHARS } from './chunking';

async function readHandbookPages(count: number) {
  const pdf = await PdfDocument.open(fs.readFileSync(samplePath('knowledge/kb01_centre_debt_advice_handbook_2025.pdf')), { timeoutMs: 30_000 });
  try {
    const pages = [];
    for (let pageNumber = 1; pageNumber <= Math.min(count, pdf.numPages); pageNumber++) {
      pages.push({ pageNumber, markdown: pageTextToMarkdown(await pdf.readText(pageNumber)) });
    }
    return pages;
  } finally {
    await pdf.close();
  }
}

describe('chunkPages', () => {
  test('chunks stay within one page', async () => {
    const pages = await readHandbookPages(8);
    const chunks = chunkPages(pages);

    expect(chunks.length).toBeGreaterThan(pages.length);
    for (const chunk of chunks) {
      const page = pages.find((candidate) => candidate.pageNumber === chunk.pageNumber)!;
      const firstWords = chunk.text.split(/\s+/).slice(0, 5).join(' ');
      expect(page.markdown.replace(/\s+/g, ' ')).toContain(firstWords);
    }
  });

  test('chunks respect the size limit', async () => {
    const chunks = chunkPages(await readHandbookPages(24));
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS + 2);
  });

  test('long paragraph is split at words', () => {
    const paragraph = Array.from({ length: 600 }, (_, index) => `word${index}`).join(' ');
    const chunks = chunkPages([{ pageNumber: 3, markdown: paragraph }]);

    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.text).toMatch(/^word\d+/);
    expect(chunks.map((chunk) => chunk.chunkIndex)).toEqual(chunks.map((_, index) => index));
  });

  test('empty page gives no chunks', () => {
    expect(chunkPages([{ pageNumber: 1, markdown: '  \n\n ' }])).toEqual([]);
  });
});
