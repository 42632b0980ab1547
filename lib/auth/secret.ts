import crypto from 'node:crypto';
import fs from 'node:fs';
import { dataPath, type Config } from '../config';
import { moduleLogger } from '../log';

const log = moduleLogger('auth.secret');

/**
 * Returns the secret that signs sessions and upload links: AUTH_SECRET, or else a random secret kept
 * in DATA_DIR/auth-secret (created on first start, readable by the owner only), so a single machine
 * runs without configuration. Replicas of one deployment must share AUTH_SECRET instead.
 */
export function resolveAuthSecret(config: Config): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  const file = dataPath(config, 'auth-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();

  fs.mkdirSync(dataPath(config), { recursive: true });
  const secret = crypto.randomBytes(48).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  log.info({ file }, 'generated a new auth secret; set AUTH_SECRET to share it between replicas');
  return secret;
}
