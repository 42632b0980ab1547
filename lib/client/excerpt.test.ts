import { describe, expect, it } from 'vitest';
import { excerptMarkdown } from './excerpt';

describe('excerptMarkdown', () => {
  it('leaves a whole table alone', () => {
    const table = '# Charges\n\n| Item | Amount |\n| --- | --- |\n| Band B | £1,842.17 |';
    expect(excerptMarkdown(table)).toBe(table);
  });

  it('adds a header to headerless rows', () => {
    const rows = '| Payments received | -£690.88 |\n| Balance remaining | £690.75 |';
    expect(excerptMarkdown(rows)).toBe(`| | |\n| --- | --- |\n${rows}`);
  });

  it('turns a row cut at the start into text', () => {
    const excerpt = '2026/27 | £1,381.63 |\n| Payments received | -£690.88 |';
    expect(excerptMarkdown(excerpt)).toBe('…2026/27 · £1,381.63\n\n| | |\n| --- | --- |\n| Payments received | -£690.88 |');
  });

  it('restores a header cut before the delimiter', () => {
    const excerpt = '| --- | --- |\n| Band B | £1,842.17 |';
    expect(excerptMarkdown(excerpt)).toBe('| | |\n| --- | --- |\n| Band B | £1,842.17 |');
  });

  it('separates rows that follow a paragraph', () => {
    const excerpt = 'Your account:\n| Arrears | £276.30 |';
    expect(excerptMarkdown(excerpt)).toBe('Your account:\n\n| | |\n| --- | --- |\n| Arrears | £276.30 |');
  });
});
