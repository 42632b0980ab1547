// @ts-check
// Starts a throwaway PostgreSQL server from the Debian packages, on loopback, for tests.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './processes.mjs';

/** Returns the folder of the newest installed PostgreSQL server binaries, or undefined. */
export function findPostgresBin() {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((name) => fs.existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

/**
 * Runs a PostgreSQL binary. initdb and postgres refuse to run as root, so as root they run as the
 * `postgres` user that the Debian package creates.
 * @param {string} binary
 * @param {string[]} args
 */
function runAsServerUser(binary, args) {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'runuser' : binary;
  const fullArgs = asRoot ? ['-u', 'postgres', '--', binary, ...args] : args;
  const result = spawnSync(command, fullArgs, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${path.basename(binary)} failed: ${result.stderr || result.stdout}`);
}

/**
 * Creates a new cluster in a temporary folder and starts it on a free loopback port.
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startPostgres() {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries were not found under /usr/lib/postgresql: install the Debian package "postgresql".');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rma-pg-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const dataDir = path.join(dir, 'data');
  const port = await freePort();

  runAsServerUser(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
  runAsServerUser(path.join(bin, 'pg_ctl'), [
    '-D', dataDir, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    try {
      runAsServerUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url, stop };
}
