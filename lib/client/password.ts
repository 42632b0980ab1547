/**
 * The shortest password the server accepts. It mirrors MIN_PASSWORD_LENGTH in lib/auth/auth.ts, which
 * cannot be imported here because that module brings better-auth's server code into the browser bundle.
 */
export const MIN_PASSWORD_LENGTH = 12;

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand (no 0/O, 1/l/I). */
const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const GROUPS = 5;
const GROUP_LENGTH = 4;

/** Returns a random index below `size` from the browser's CSPRNG, rejecting values that would bias the result. */
function randomIndex(size: number): number {
  const limit = Math.floor(256 / size) * size;
  const byte = new Uint8Array(1);
  do crypto.getRandomValues(byte);
  while (byte[0] >= limit);
  return byte[0] % size;
}

/**
 * Generates a password of 20 random characters in groups of four, e.g. "hT4k-9wQe-…", about
 * 116 bits of entropy (20 × log2 of 56 characters). The hyphens make it easier to pass on.
 */
export function generatePassword(): string {
  const groups = Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_LENGTH }, () => alphabet[randomIndex(alphabet.length)]).join(''));
  return groups.join('-');
}
