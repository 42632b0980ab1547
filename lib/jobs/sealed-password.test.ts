import { expect, test } from 'vitest';
import { openPassword, sealPassword } from './sealed-password';

const secret = 'a'.repeat(48);
const documentId = '0b5e1f3c-7d2a-4e8b-9c61-2f4a8d9e0b17';

test('sealed password opens with the same secret', () => {
  const sealed = sealPassword(secret, documentId, 'baz');
  expect(openPassword(secret, documentId, sealed)).toBe('baz');
});

test('sealed password hides the plain text', () => {
  const sealed = sealPassword(secret, documentId, 'correct horse battery staple');
  expect(sealed).not.toContain('correct horse');
  expect(sealed.startsWith('v1.')).toBe(true);
});

test('sealing twice gives different ciphertexts', () => {
  expect(sealPassword(secret, documentId, 'baz')).not.toBe(sealPassword(secret, documentId, 'baz'));
});

test('another secret cannot open it', () => {
  const sealed = sealPassword(secret, documentId, 'baz');
  expect(() => openPassword('b'.repeat(48), documentId, sealed)).toThrow();
});

test('another document cannot open it', () => {
  const sealed = sealPassword(secret, documentId, 'baz');
  expect(() => openPassword(secret, '9d7c1a2b-0000-4000-8000-000000000000', sealed)).toThrow();
});

test('a changed ciphertext is rejected', () => {
  const [version, iv, tag, ciphertext] = sealPassword(secret, documentId, 'baz').split('.');
  const flipped = Buffer.from(ciphertext, 'base64url');
  flipped[0] ^= 1;
  expect(() => openPassword(secret, documentId, [version, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
});

test('an unknown format is rejected by name', () => {
  expect(() => openPassword(secret, documentId, 'baz')).toThrow(/sealed format/);
});
