import { inject } from 'vitest';

/**
 * Returns the URL of a service started by the global setup, or undefined with the reason when it is
 * missing; under CI the global setup fails instead, so tests never skip there.
 */
export function serviceUrl(name: 'Chroma' | 'PostgreSQL'): { url?: string; reason?: string } {
  const url = name === 'Chroma' ? inject('chromaUrl') : inject('postgresUrl');
  if (url) return { url };
  return { reason: `${name} is not available here (${inject('missingServices')[name] ?? 'not started'}); the test is skipped outside CI` };
}

/** A URL on which nothing listens, for model servers that must be unreachable. */
export const unreachableUrl = 'http://127.0.0.1:9';

/** Creates an empty database on the test PostgreSQL server and returns its URL. */
export async function createPostgresDatabase(serverUrl: string): Promise<string> {
  const { default: pg } = await import('pg');
  const name = `test_${Math.random().toString(36).slice(2, 12)}`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
