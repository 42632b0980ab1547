import { beforeAll, describe, expect, it } from 'vitest';
import { pageTextToMarkdown } from './markdown';
import { PdfDocument, type PdfPageText } from './pdf';
import { readSample, syntheticTextPdfs } from './test-samples';

/** Reads every page's text layer of a sample PDF. */
async function readPages(file: string): Promise<PdfPageText[]> {
  const pdf = await PdfDocument.open(readSample(file), { timeoutMs: 20_000 });
  try {
    const pages: PdfPageText[] = [];
    for (let page = 1; page <= pdf.numPages; page++) pages.push(await pdf.readText(page));
    return pages;
  } finally {
    await pdf.close();
  }
}

async function markdownOf(file: string, pageNumber = 1): Promise<string> {
  const pages = await readPages(file);
  return pageTextToMarkdown(pages[pageNumber - 1]);
}

describe('pageTextToMarkdown', () => {
  let councilTax: string;
  beforeAll(async () => {
    councilTax = await markdownOf('synthetic/01_council_tax_reminder.pdf');
  });

  it('keeps an address block whole', () => {
    expect(councilTax).toContain('Ms Corinne Ashdale\nFlat 3\n27 Wrenfield Close\nStavewick\nMarlshire\nQV7 3CK');
  });

  it('keeps label-value pairs together', () => {
    expect(councilTax).toContain('| Date of notice | 12 October 2026 |\n| --- | --- |\n| Account reference | 40118823 |');
  });

  it('keeps a two-column table of amounts', () => {
    expect(councilTax).toContain('| Instalments missed (1 September and 1 October, £138.15 each) | £276.30 |');
  });

  it('separates payment slip blocks', () => {
    expect(councilTax).toContain('Account ref: 40118823\nAmount overdue: £276.30\nPay by: 19/10/2026');
  });

  it('keeps empty statement cells', async () => {
    const statement = await markdownOf('synthetic/19_bank_statement.pdf');
    expect(statement).toContain('| Date | Type Description | Paid out | Paid in | Balance |');
    expect(statement).toContain('| 01 Oct | SO WRENFIELD PROPERTY MGMT RENT FLAT3 | 650.00 |  | 359.18 |');
    expect(statement).toContain('| 05 Oct | BGC DWP CHILD BENEFIT |  | 108.20 | 347.27 |');
  });

  it('joins a wrapped label row', async () => {
    const assignment = await markdownOf('synthetic/08_debt_collection_sold_on.pdf');
    expect(assignment).toContain('| Balance assigned and now owed to us | £3,702.56 |');
  });

  it('joins a wrapped heading', async () => {
    const assignment = await markdownOf('synthetic/08_debt_collection_sold_on.pdf');
    expect(assignment).toContain('## NOTICE OF ASSIGNMENT – YOUR CORRIVALE CARD ACCOUNT HAS BEEN SOLD TO US');
  });

  it('writes text boxes in turn', async () => {
    const energy = await markdownOf('synthetic/05_energy_arrears.pdf');
    expect(energy).toContain('Helping Hand Fund\nOur charitable fund may be able\nto clear some or all of your');
    expect(energy).toContain('Free debt advice\nIndependent advisers can help\nwith all your bills.');
  });

  it('reads columns one by one', async () => {
    const instructions = await markdownOf('public/b02_irs_i1040nr_instructions.pdf', 5);
    expect(instructions).toContain('A dual-status year is one in which you\nchange status between nonresident\nand resident alien.');
  });

  it('keeps every synthetic text run', async () => {
    const squash = (text: string) => text.replace(/[\s|]+/g, '');
    for (const file of syntheticTextPdfs()) {
      for (const [index, page] of (await readPages(`synthetic/${file}`)).entries()) {
        const markdown = squash(pageTextToMarkdown(page));
        const missing = page.items.map((item) => squash(item.str)).filter((run) => !markdown.includes(run));
        expect({ page: `${file} page ${index + 1}`, missing }).toEqual({ page: `${file} page ${index + 1}`, missing: [] });
      }
    }
  });

  it('returns nothing for a scan', async () => {
    expect(await markdownOf('public/a15_scan_linn_brochure.pdf')).toBe('');
  });
});
