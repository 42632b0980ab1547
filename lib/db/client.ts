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

/** An open records database and how to close it. */
export type Database = { db: Db; kind: 'pglite' | 'postgres'; close: () => Promise<void> };

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
  return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() };
}

async function openPglite(dir: string): Promise<Database> {
  if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  log.info({ kind: 'pglite' }, 'records database ready');
  return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
}
