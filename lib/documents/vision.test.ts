import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageTextToMarkdown } from './markdown';
import { PdfDocument } from './pdf';
import { readSample, samplePath } from './test-samples';
import { checkVisionOutput, cleanVisionOutput, VISION_PROMPT } from './vision';

const brochure = fs.readFileSync(samplePath('public/a16_scan_linn_brochure.expected.txt'), 'utf8');

describe('VISION_PROMPT', () => {
  it('asks for figures exactly as printed', () => {
    expect(VISION_PROMPT).toContain('exactly as printed');
  });

  it('asks for tables in GFM', () => {
    expect(VISION_PROMPT).toContain('GitHub-flavoured Markdown tables');
  });
});

describe('cleanVisionOutput', () => {
  it('strips an introduction and code fences', () => {
    const raw = 'Here is the transcription of the page:\n\n```markdown\n# Council Tax\n\nAccount reference 40118823\n```\n';
    expect(cleanVisionOutput(raw)).toBe('# Council Tax\n\nAccount reference 40118823');
  });

  it('strips a sign-off', () => {
    expect(cleanVisionOutput('Amount overdue: £276.30\n\nLet me know if you need anything else!')).toBe('Amount overdue: £276.30');
  });

  it("keeps a page's first line", () => {
    expect(cleanVisionOutput('Here is your statement for October.\nBalance £12.00')).toBe('Here is your statement for October.\nBalance £12.00');
  });
});

describe('checkVisionOutput', () => {
  it('accepts a genuine page of text', () => {
    expect(checkVisionOutput(brochure)).toEqual({ ok: true, markdown: brochure.trim() });
  });

  it('accepts repeated payees', async () => {
    const pdf = await PdfDocument.open(readSample('synthetic/19_bank_statement.pdf'), { timeoutMs: 20_000 });
    const statement = pageTextToMarkdown(await pdf.readText(1));
    await pdf.close();
    expect(checkVisionOutput(statement).ok).toBe(true);
  });

  it.each([[''], ['   \n\n'], ['```\n```'], ['| | |\n| --- | --- |'], ['I cannot read any text in this image.'], ['The page is blank.']])('rejects %j as empty', (raw) => {
    expect(checkVisionOutput(raw)).toEqual({ ok: false, reason: 'empty' });
  });

  it('rejects a repeated line', () => {
    const raw = `# Statement\n\n${'| Date | Description | Amount |\n'.repeat(200)}`;
    expect(checkVisionOutput(raw)).toEqual({ ok: false, reason: 'looping' });
  });

  it('rejects a repeated phrase', () => {
    const raw = `Dear Ms Ashdale, ${'please pay the balance '.repeat(30)}`;
    expect(checkVisionOutput(raw)).toEqual({ ok: false, reason: 'looping' });
  });

  it('rejects a recurring line', () => {
    const lines = Array.from({ length: 8 }, (_, index) => `Account reference 40118823\nPage ${index + 1}`);
    expect(checkVisionOutput(lines.join('\n'))).toEqual({ ok: false, reason: 'looping' });
  });
});
