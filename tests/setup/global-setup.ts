import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startChroma } from '../../scripts/lib/chroma.mjs';
import { startPostgres } from '../../scripts/lib/postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a Chroma server for this run, or '' when none could start (only allowed outside CI). */
    chromaUrl: string;
    /** URL of a PostgreSQL database for this run, or '' when none could start (only allowed outside CI). */
    postgresUrl: string;
    /** Why a service is missing, shown in the skip message of tests that need it. */
    missingServices: Record<string, string>;
  }
}

const inCi = process.env.CI === 'true';

/**
 * Starts the real services the integration tests use: a Chroma server and a PostgreSQL server, each
 * on a free loopback port with data in a temporary folder. Under CI every service is mandatory, so a
 * service that fails to start fails the run instead of skipping tests.
 */
export default async function setup(project: TestProject) {
  const stops: (() => Promise<void>)[] = [];
  const missing: Record<string, string> = {};

  const start = async (name: string, url: string | undefined, launch: () => Promise<{ url: string; stop: () => Promise<void> }>) => {
    if (url) return url;
    try {
      const service = await launch();
      stops.push(service.stop);
      return service.url;
    } catch (error) {
      if (inCi) throw new Error(`${name} is required under CI=true but could not start: ${(error as Error).message}`);
      missing[name] = (error as Error).message;
      return '';
    }
  };

  const chromaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rma-chroma-'));
  const chromaUrl = await start('Chroma', process.env.TEST_CHROMA_URL, () => startChroma({ dataDir: chromaDir }));
  const postgresUrl = await start('PostgreSQL', process.env.TEST_DATABASE_URL, () => startPostgres());

  project.provide('chromaUrl', chromaUrl);
  project.provide('postgresUrl', postgresUrl);
  project.provide('missingServices', missing);

  return async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(chromaDir, { recursive: true, force: true });
  };
}
