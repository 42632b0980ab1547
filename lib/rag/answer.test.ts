import fs from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ChunkWithDocument } from '@/lib/db/queries/chunks';
import { PdfDocument } from '@/lib/documents/pdf';
import { pageTextToMarkdown } from '@/lib/documents/markdown';
import { samplePath } from '@/lib/documents/test-samples';
import { chunkPages, type PageMarkdown } from './chunking';
import { toSources } from './answer';

const documentId = '00000000-0000-4000-8000-000000000001';
let pages: PageMarkdown[];
let passages: ChunkWithDocument[];

beforeAll(async () => {
  const pdf = await PdfDocument.open(fs.readFileSync(samplePath('knowledge/kb01_centre_debt_advice_handbook_2025.pdf')), { timeoutMs: 30_000 });
  try {
    pages = [];
    for (let pageNumber = 1; pageNumber <= Math.min(12, pdf.numPages); pageNumber++) {
      pages.push({ pageNumber, markdown: pageTextToMarkdown(await pdf.readText(pageNumber)) });
    }
  } finally {
    await pdf.close();
  }
  passages = chunkPages(pages).map((chunk) => ({
    ...chunk,
    id: `${documentId}:${chunk.pageNumber}:${chunk.chunkIndex}`,
    documentId,
    documentName: 'kb01_centre_debt_advice_handbook_2025.pdf',
    scope: 'knowledge',
    clientId: null,
    embedded: true,
  }));
});

/** Finds the page with the most chunks and checks that it has the three the tests need. */
function busiestPage() {
  const counts = new Map<number, number>();
  for (const passage of passages) counts.set(passage.pageNumber, (counts.get(passage.pageNumber) ?? 0) + 1);
  const [pageNumber, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
  expect(count).toBeGreaterThanOrEqual(3);
  return { pageNumber, onPage: passages.filter((passage) => passage.pageNumber === pageNumber) };
}

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('toSources', () => {
  test('one page gives one source', () => {
    const { pageNumber, onPage } = busiestPage();
    const sources = toSources(onPage.toReversed());

    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatchObject({ n: 1, documentId, pageNumber });
    expect(words(sources[0].excerpt)).toBe(words(pages.find((page) => page.pageNumber === pageNumber)!.markdown));
  });

  test('gaps between passages show an ellipsis', () => {
    const { onPage } = busiestPage();
    const [source] = toSources([onPage[2], onPage[0]]);

    expect(source.excerpt).toBe(`${onPage[0].text}\n\n…\n\n${onPage[2].text}`);
  });

  test('pages keep their best rank', () => {
    const { pageNumber, onPage } = busiestPage();
    const other = passages.find((passage) => passage.pageNumber !== pageNumber)!;
    const sources = toSources([other, onPage[1], onPage[0], other]);

    expect(sources.map((source) => [source.n, source.pageNumber])).toEqual([
      [1, other.pageNumber],
      [2, pageNumber],
    ]);
  });
});
