import { describe, expect, it } from 'vitest';
import { PdfDocument, plainTextOf } from './pdf';
import { readSample } from './test-samples';
import { assessTextLayer } from './text-quality';

/** Returns the plain text of each page of a sample PDF. */
async function pageTexts(file: string, password?: string): Promise<string[]> {
  const pdf = await PdfDocument.open(readSample(file), { timeoutMs: 20_000, password });
  try {
    const texts: string[] = [];
    for (let page = 1; page <= pdf.numPages; page++) texts.push(plainTextOf(await pdf.readText(page)));
    return texts;
  } finally {
    await pdf.close();
  }
}

describe('assessTextLayer on sample PDFs', () => {
  it('flags an unmapped font (c06)', async () => {
    const [text] = await pageTexts('public/c06_pdfminer_issue-791-non-unicode-cmap.pdf');
    expect(assessTextLayer(text).verdict).toBe('junk');
  });

  it('flags bare glyph codes (c15)', async () => {
    const [text] = await pageTexts('public/c15_ocrmypdf_truetype_font_nomapping.pdf');
    expect(assessTextLayer(text).verdict).toBe('junk');
  });

  it('keeps a genuine one-word page (c08)', async () => {
    const [text] = await pageTexts('public/c08_pdfminer_issue-886-xref-stream-widths.pdf');
    expect(assessTextLayer(text).verdict).toBe('usable');
  });

  it('keeps a decrypted page (c01)', async () => {
    const [text] = await pageTexts('public/c01_pdfminer_aes-256_user-baz_owner-foo.pdf', 'baz');
    expect(assessTextLayer(text).verdict).toBe('usable');
  });

  it('finds a scan empty (a15)', async () => {
    const [text] = await pageTexts('public/a15_scan_linn_brochure.pdf');
    expect(assessTextLayer(text).verdict).toBe('empty');
  });

  it.each([
    'synthetic/19_bank_statement.pdf',
    'synthetic/09_credit_card_statement.pdf',
    'public/a11_invoice_coolblue1.pdf',
    'public/c09_irs_f1040nr_acroform.pdf',
  ])('keeps every page of %s', async (file) => {
    const verdicts = (await pageTexts(file)).map((text) => assessTextLayer(text).verdict);
    expect(verdicts.every((verdict) => verdict === 'usable')).toBe(true);
  });
});

describe('assessTextLayer on strings', () => {
  it('flags shifted letters', () => {
    const shifted = '&RXQFLO 7D[ 6HFWLRQ &LYLF 2IILFHV 0DUNHW +LOO 6WDYHZLFN 49 .0 :H KDYH QRW UHFHLYHG WKH FRXQFLO WD[';
    expect(assessTextLayer(shifted)).toEqual({ verdict: 'junk', reason: expect.stringContaining('shifted') });
  });

  it('flags private-use characters', () => {
    expect(assessTextLayer('\uE001\uE002\uE003 \uE004\uE005 Account').verdict).toBe('junk');
  });

  it('finds a lone page number empty', () => {
    expect(assessTextLayer('  2 \n').verdict).toBe('empty');
  });

  it('keeps dot leaders', () => {
    const contents = 'Index\nA Estimated tax . . . . . . . . . . . 25\nB Budget . . . . . . . . . . . . 4\nC Credits . . . . . . . . . . 12';
    expect(assessTextLayer(contents).verdict).toBe('usable');
  });

  it('keeps references and amounts', () => {
    expect(assessTextLayer('Account ref: BPR/88314207 Amount £3,702.56 QV7 3CK PF 3381 7720 19').verdict).toBe('usable');
  });
});
