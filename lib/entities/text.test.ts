import { describe, expect, it } from 'vitest';
import { sentenceAround } from './text';

describe('sentenceAround', () => {
  const around = (text: string, phrase: string, limit?: number) => sentenceAround(text, text.indexOf(phrase), text.indexOf(phrase) + phrase.length, limit);

  it('marks a long sentence cut at a whole word', () => {
    const text = 'Intro line.\n\nYOU MUST PAY THE ARREARS OF £75.00 BY 22 SEPTEMBER 2026 AND THEN KEEP TO YOUR PAYMENT ARRANGEMENT EVERY MONTH UNTIL THE BALANCE IS PAID.';
    expect(around(text, '22 SEPTEMBER 2026', 60)).toBe('YOU MUST PAY THE ARREARS OF £75.00 BY 22 SEPTEMBER 2026 AND THEN KEEP TO YOUR PAYMENT ARRANGEMENT EVERY MONTH UNTIL…');
  });

  it('keeps no space before punctuation', () => {
    expect(around('If the plan balance is paid in full by 10 February 2027 , no interest is charged.', '10 February 2027')).toBe(
      'If the plan balance is paid in full by 10 February 2027, no interest is charged',
    );
  });

  it('leaves a whole sentence unmarked', () => {
    expect(around('Please pay by 17 August 2026.', '17 August 2026')).toBe('Please pay by 17 August 2026');
  });
});
