import { inject } from 'vitest';

/**
 * Returns the URL of a service started by the global setup, or undefined with the reason when it is
 * missing; under CI the global setup fails instead, so tests never skip there.
 */
export function serviceUrl(name: 'Chroma' | 'PostgreSQL' | 'Neo4j' | 'Redis'): { url?: string; reason?: string } {
  const url = { Chroma: inject('chromaUrl'), PostgreSQL: inject('postgresUrl'), Neo4j: inject('neo4jUrl'), Redis: inject('redisUrl') }[name];
  if (url) return { url };
  return { reason: `${name} is not available here (${inject('missingServices')[name] ?? 'not started'}); the test is skipped outside CI` };
}

/** Returns the Neo4j server of this run as app settings, or the reason it is missing. */
export function neo4jSettings(): { env?: { NEO4J_URI: string; NEO4J_USER: string; NEO4J_PASSWORD: string }; reason?: string } {
  const { url, reason } = serviceUrl('Neo4j');
  if (!url) return { reason };
  return { env: { NEO4J_URI: url, NEO4J_USER: inject('neo4jUser'), NEO4J_PASSWORD: inject('neo4jPassword') } };
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
