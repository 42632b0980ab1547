import { describe, expect, it } from 'vitest';
import { generatePassword, MIN_PASSWORD_LENGTH } from './password';

describe('generatePassword', () => {
  it('returns five groups of four', () => {
    expect(generatePassword()).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){4}$/);
  });

  it('meets the minimum length', () => {
    expect(generatePassword().length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
  });

  it('avoids look-alike characters', () => {
    const characters = Array.from({ length: 200 }, generatePassword).join('');
    expect(characters).not.toMatch(/[0O1lIo]/);
  });

  it('differs on every call', () => {
    const passwords = new Set(Array.from({ length: 1000 }, generatePassword));
    expect(passwords.size).toBe(1000);
  });

  it('uses the whole alphabet', () => {
    const seen = new Set(Array.from({ length: 500 }, generatePassword).join('').replace(/-/g, ''));
    expect(seen.size).toBe(56);
  });
});
