import crypto from 'node:crypto';

/**
 * Encrypts the password of a protected PDF for the time it waits in Redis, so that the Redis server,
 * its persistence files and its backups never hold it in plain text. The key is derived from
 * AUTH_SECRET with HKDF-SHA256, because the web app and every worker already share that secret and
 * nothing else. AES-256-GCM authenticates the ciphertext, and the document id is its additional data,
 * so a sealed password opens only the document it was sent for.
 */

const VERSION = 'v1';
const KEY_INFO = 'rma-advisor queued PDF password v1';

function deriveKey(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), KEY_INFO, 32));
}

/** Returns `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
export function sealPassword(secret: string, documentId: string, password: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(secret), iv);
  cipher.setAAD(Buffer.from(documentId));
  const ciphertext = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/**
 * Decrypts a sealed password. Throws when the secret differs from the one that sealed it (AUTH_SECRET
 * not shared by the web app and the worker), when the value was changed, or when it belongs to
 * another document.
 */
export function openPassword(secret: string, documentId: string, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new Error(`The queued password is not in the ${VERSION} sealed format.`);
  }
  const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(secret), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(documentId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
