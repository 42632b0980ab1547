import { describe, expect, it } from 'vitest';
import { deadlineText, formatNote, otherNames } from './format';

describe('formatNote', () => {
  it('capitalises a single reason', () => {
    expect(formatNote('vision server unreachable')).toBe('Vision server unreachable.');
  });

  it('makes each joined reason a sentence', () => {
    expect(formatNote('text layer unreadable; vision model timed out')).toBe('Text layer unreadable. Vision model timed out.');
  });

  it('keeps a full stop already there', () => {
    expect(formatNote('OCR found no text.')).toBe('OCR found no text.');
  });

  it('drops empty parts', () => {
    expect(formatNote('vision output was invalid; ')).toBe('Vision output was invalid.');
  });
});

describe('otherNames', () => {
  it('drops repeats of the name', () => {
    expect(otherNames('Stavewick Borough Council', ['STAVEWICK BOROUGH COUNCIL', 'Stavewick BC'])).toEqual(['Stavewick BC']);
  });

  it('keeps every alias without a name', () => {
    expect(otherNames(null, ['Northmere'])).toEqual(['Northmere']);
  });
});

describe('deadlineText', () => {
  it('drops text that repeats the date', () => {
    expect(deadlineText('13 April 2026', '2026-04-13')).toBe('');
    expect(deadlineText('2026-04-13', '2026-04-13')).toBe('');
  });

  it('drops a written date with its weekday', () => {
    expect(deadlineText('Monday, 13th of April 2026', '2026-04-13')).toBe('');
    expect(deadlineText('13/04/2026', '2026-04-13')).toBe('');
  });

  it('keeps a word that starts like a month', () => {
    expect(deadlineText('Decision 13 April 2026', '2026-04-13')).toBe('Decision 13 April 2026');
  });

  it('keeps what the deadline asks', () => {
    expect(deadlineText('Pay the overdue instalments', '2026-10-19')).toBe('Pay the overdue instalments');
  });

  it('keeps a sentence that holds the date', () => {
    expect(deadlineText('Please pay the overdue amount by 26 August 2026', '2026-08-26')).toBe('Please pay the overdue amount by 26 August 2026');
  });
});
