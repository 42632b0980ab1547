import { describe, expect, it } from 'vitest';
import { isUuid } from './ids';

describe('isUuid', () => {
  it('accepts a random UUID', () => {
    expect(isUuid(crypto.randomUUID())).toBe(true);
  });

  it('rejects a word', () => {
    expect(isUuid('not-a-uuid')).toBe(false);
  });

  it('rejects a UUID cut short', () => {
    expect(isUuid(crypto.randomUUID().slice(0, 30))).toBe(false);
  });
});
