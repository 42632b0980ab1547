import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { dataPath, type Config } from '../config';
import { moduleLogger } from '../log';
import * as schema from './schema';

const log = moduleLogger('db');

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * An open records database and how to close it. `purgeDeletedRows` rewrites the embedded database's
 * files after an erasure, so deleted rows no longer sit in its tables or log (see purgePglite).
 */
export type Database = { db: Db; kind: 'pglite' | 'postgres'; close: () => Promise<void>; purgeDeletedRows: () => Promise<void> };

/** Folder of the SQL migrations written by drizzle-kit; resolved from the working directory at run time. */
export const migrationsFolder = path.resolve(process.cwd(), 'lib/db/migrations');

/**
 * Opens the records database named by the configuration and applies pending migrations:
 * PostgreSQL when DATABASE_URL is set, otherwise PGlite in DATA_DIR/pglite.
 * `pgliteDir` overrides the PGlite folder; 'memory://' gives a throwaway database for tests.
 */
export async function openDatabase(config: Config, options: { pgliteDir?: string } = {}): Promise<Database> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL);
  return openPglite(options.pgliteDir ?? dataPath(config, 'pglite'));
}

/** An arbitrary constant naming this app's migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK_KEY = 7_104_203_188;

async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on('error', (error) => log.error({ err: error }, 'idle PostgreSQL connection failed'));
  const db = drizzlePostgres(pool, { schema });
  // Replicas and workers may start together: a session-level advisory lock lets one apply the
  // migrations while the others wait, then find nothing left to apply.
  const lockHolder = await pool.connect();
  try {
    await lockHolder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePostgres(db, { migrationsFolder });
  } finally {
    await lockHolder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    lockHolder.release();
  }
  log.info({ kind: 'postgres' }, 'records database ready');
  // PostgreSQL's autovacuum frees deleted rows in time. DEPLOYMENT.md lists what erasure leaves behind.
  return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end(), purgeDeletedRows: async () => undefined };
}

async function openPglite(dir: string): Promise<Database> {
  if (dir.startsWith('memory://')) return startPglite(dir, () => undefined);
  fs.mkdirSync(dir, { recursive: true });
  const release = lockFolder(dir);
  try {
    return await startPglite(dir, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function startPglite(dir: string, release: () => void): Promise<Database> {
  const client = await PGlite.create(dir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  log.info({ kind: 'pglite' }, 'records database ready');
  const close = async () => {
    await client.close();
    release();
  };
  return { db: db as unknown as Db, kind: 'pglite', close, purgeDeletedRows: () => purgePglite(client) };
}

/**
 * Removes deleted rows from the embedded database's files. VACUUM FULL rewrites every table without
 * them, and each WAL switch and checkpoint lets the server drop a log segment that still contains
 * them. Three rounds, because a segment is dropped only at a checkpoint after a later switch. The
 * test in client.test.ts checks that no erased text is left in the folder.
 */
async function purgePglite(client: PGlite): Promise<void> {
  const started = Date.now();
  await client.exec('VACUUM FULL');
  for (let round = 0; round < 3; round++) await client.exec('SELECT pg_switch_wal(); CHECKPOINT;');
  log.info({ ms: Date.now() - started }, 'deleted rows purged from the records database');
}

/**
 * Claims a PGlite folder for this process with a lock file beside it. PGlite has no locking of its
 * own, and a second process writing the same folder (a second app, or `npm run admin:create` while
 * the app runs) damages the database. A lock left by a process that has ended is taken over. Returns
 * the function that releases the lock, which also runs when the process exits.
 */
export function lockFolder(dir: string): () => void {
  const lockPath = `${path.resolve(dir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      const release = () => {
        process.off('exit', release);
        if (readLockOwner(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLockOwner(lockPath);
      if (owner !== null && owner !== process.pid && isRunning(owner)) {
        throw new Error(
          `The records database in ${path.resolve(dir)} is in use by another process (process ${owner}), probably RMA Advisor itself. ` +
            'Stop that process first, or add accounts on the Users screen while the app runs. Only one process at a time can open the embedded database; set DATABASE_URL to share PostgreSQL instead.',
        );
      }
      log.warn({ owner }, 'taking over the lock of a records database whose process has ended');
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`The lock file ${lockPath} could not be created. Check that the data folder is writable.`);
}

function readLockOwner(lockPath: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Returns whether a process with this id exists; a process of another user counts as running. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
