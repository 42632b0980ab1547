import { describe, expect, it } from 'vitest';
import { formatNote } from './format';

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
