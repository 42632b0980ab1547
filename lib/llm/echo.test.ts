import { describe, expect, it } from 'vitest';
import { repeatsInstructions } from './echo';

const instructions = 'You write one part of a letter from a UK money advice centre to its client, from the advisor\'s interview notes. Do not invent figures.';

describe('repeatsInstructions', () => {
  it('finds an echoed sentence', () => {
    expect(repeatsInstructions('Dear Ms Ashdale, You write one part of a letter from a UK money advice centre.', instructions)).toBe(true);
  });

  it('ignores case and punctuation', () => {
    expect(repeatsInstructions('YOU WRITE ONE PART OF A LETTER, FROM A UK MONEY...', instructions)).toBe(true);
  });

  it('accepts a letter with short shared phrases', () => {
    expect(repeatsInstructions('We are a money advice centre. We will not invent anything: your council tax arrears are £276.30.', instructions)).toBe(false);
  });
});
