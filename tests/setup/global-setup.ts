import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startChroma } from '../../scripts/lib/chroma.mjs';
import { startNeo4j } from '../../scripts/lib/neo4j.mjs';
import { startPostgres } from '../../scripts/lib/postgres.mjs';
import { startRedis } from '../../scripts/lib/redis.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a Chroma server for this run, or '' when none could start (only allowed outside CI). */
    chromaUrl: string;
    /** URL of a PostgreSQL database for this run, or '' when none could start (only allowed outside CI). */
    postgresUrl: string;
    /** Bolt URL of a Neo4j server for this run, or '' when none could start (only allowed outside CI). */
    neo4jUrl: string;
    neo4jUser: string;
    neo4jPassword: string;
    /** URL of a Redis server for this run, or '' when none could start (only allowed outside CI). */
    redisUrl: string;
    /** Why a service is missing, shown in the skip message of tests that need it. */
    missingServices: Record<string, string>;
  }
}

const inCi = process.env.CI === 'true';

/**
 * Starts the real services the integration tests use: a Chroma server, a PostgreSQL server, a Neo4j
 * server and a Redis server, each on a free loopback port with data in a temporary folder. Under CI
 * every service is mandatory, so a service that fails to start fails the run instead of skipping tests.
 */
export default async function setup(project: TestProject) {
  const stops: (() => Promise<void>)[] = [];
  const missing: Record<string, string> = {};

  const start = async <T extends { url: string; stop: () => Promise<void> }>(name: string, launch: () => Promise<T>): Promise<T | undefined> => {
    try {
      const service = await launch();
      stops.push(service.stop);
      return service;
    } catch (error) {
      if (inCi) throw new Error(`${name} is required under CI=true but could not start: ${(error as Error).message}`);
      missing[name] = (error as Error).message;
      return undefined;
    }
  };
  const external = (url: string | undefined) => (url ? { url, stop: async () => undefined } : undefined);

  const chromaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rma-chroma-'));
  const neo4jDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rma-neo4j-'));
  // Neo4j's JVM takes about ten seconds to start, so it starts while the others do.
  const neo4jStarting = process.env.TEST_NEO4J_URI
    ? Promise.resolve({ url: process.env.TEST_NEO4J_URI, user: process.env.TEST_NEO4J_USER ?? 'neo4j', password: process.env.TEST_NEO4J_PASSWORD ?? '', stop: async () => undefined })
    : start('Neo4j', () => startNeo4j({ dataDir: neo4jDir }));
  const chroma = external(process.env.TEST_CHROMA_URL) ?? (await start('Chroma', () => startChroma({ dataDir: chromaDir })));
  const postgres = external(process.env.TEST_DATABASE_URL) ?? (await start('PostgreSQL', () => startPostgres()));
  const redis = external(process.env.TEST_REDIS_URL) ?? (await start('Redis', () => startRedis()));
  const neo4j = await neo4jStarting;

  project.provide('chromaUrl', chroma?.url ?? '');
  project.provide('postgresUrl', postgres?.url ?? '');
  project.provide('neo4jUrl', neo4j?.url ?? '');
  project.provide('neo4jUser', neo4j?.user ?? '');
  project.provide('neo4jPassword', neo4j?.password ?? '');
  project.provide('redisUrl', redis?.url ?? '');
  project.provide('missingServices', missing);

  return async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(chromaDir, { recursive: true, force: true });
    fs.rmSync(neo4jDir, { recursive: true, force: true });
  };
}
