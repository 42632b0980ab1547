import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { configSchema, parseConfig } from '@/lib/config';

/**
 * Checks the kustomize base in k8s/ without a cluster: every resource parses, the probes and GPU
 * requests are where the deployment needs them, and the settings are ones the app reads and accepts.
 * When kubectl is installed, `kubectl kustomize` must also build the base.
 */

const root = path.resolve(import.meta.dirname, '../..');
const hasKubectl = spawnSync('kubectl', ['version', '--client']).status === 0;
const base = path.join(root, 'k8s/base');

type Probe = { httpGet?: { path: string; port: string | number }; exec?: { command: string[] } };
type Container = {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  volumeMounts?: { name: string; mountPath: string }[];
};
type Resource = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    selector?: { matchLabels: Record<string, string> } | Record<string, string>;
    template?: { metadata: { labels: Record<string, string> }; spec: { containers: Container[]; volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[] } };
    ports?: { port: number; targetPort: string | number }[];
    accessModes?: string[];
  };
};

function loadBase(): Resource[] {
  const kustomization = parse(fs.readFileSync(path.join(base, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  return kustomization.resources.flatMap((file) =>
    parseAllDocuments(fs.readFileSync(path.join(base, file), 'utf8')).map((document) => {
      expect(document.errors, file).toEqual([]);
      return document.toJS() as Resource;
    }),
  );
}

const resources = loadBase();
const byKind = (kind: string) => resources.filter((resource) => resource.kind === kind);
const named = (kind: string, name: string) => {
  const found = resources.find((resource) => resource.kind === kind && resource.metadata.name === name);
  if (!found) throw new Error(`k8s/base has no ${kind} ${name}`);
  return found;
};
const containerOf = (name: string) => named('Deployment', name).spec!.template!.spec.containers[0];
const config = named('ConfigMap', 'rma-advisor-config').data!;

/** Sample values of the Secret's keys, as an operator would set them. */
const secretSample = { DATABASE_URL: 'postgres://rma:secret@postgres:5432/rma', AUTH_SECRET: 'an-auth-secret-of-at-least-32-characters', NEO4J_PASSWORD: 'neo4j-password' };

describe('k8s/base', () => {
  test('every resource has a kind and a name', () => {
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      expect(resource.apiVersion, JSON.stringify(resource.metadata)).toBeTruthy();
      expect(resource.metadata?.name, resource.kind).toBeTruthy();
    }
  });

  test.skipIf(!hasKubectl)('kubectl builds the kustomization', () => {
    const kubectl = spawnSync('kubectl', ['kustomize', base], { encoding: 'utf8' });
    expect(kubectl.stderr).toBe('');
    expect(kubectl.status).toBe(0);
    expect(kubectl.stdout).toContain('namespace: rma-advisor');
  });

  test('app runs two or more replicas', () => {
    expect(named('Deployment', 'rma-advisor').spec!.replicas).toBeGreaterThanOrEqual(2);
  });

  test('app probes /api/health', () => {
    const app = containerOf('rma-advisor');
    expect(app.readinessProbe?.httpGet?.path).toBe('/api/health');
    expect(app.livenessProbe?.httpGet?.path).toBe('/api/health');
    expect(app.readinessProbe?.httpGet?.port).toBe('http');
    expect(app.ports).toContainEqual({ name: 'http', containerPort: 3000 });
  });

  test('worker probes its /health', () => {
    const worker = containerOf('rma-advisor-worker');
    expect(worker.readinessProbe?.httpGet?.path).toBe('/health');
    expect(worker.livenessProbe?.httpGet?.path).toBe('/health');
    expect(worker.env).toContainEqual({ name: 'WORKER_PORT', value: '3001' });
    expect(worker.ports).toContainEqual({ name: 'http', containerPort: 3001 });
  });

  test.each(['ollama-text', 'ollama-vision'])('%s requests a GPU', (name) => {
    const ollama = containerOf(name);
    expect(ollama.resources?.requests?.['nvidia.com/gpu']).toBe(1);
    expect(ollama.resources?.limits?.['nvidia.com/gpu']).toBe(1);
    expect(ollama.readinessProbe?.exec?.command).toEqual(['/usr/local/bin/ollama-healthcheck.sh']);
    expect(ollama.livenessProbe?.httpGet?.port).toBe('http');
  });

  test('Ollama services listen on 11434 and 11435', () => {
    const expected = { 'ollama-text': 11434, 'ollama-vision': 11435 };
    for (const [name, port] of Object.entries(expected)) {
      expect(named('Service', name).spec!.ports![0].port).toBe(port);
      expect(containerOf(name).ports![0].containerPort).toBe(port);
      const dockerfile = fs.readFileSync(path.join(root, name === 'ollama-text' ? 'docker/Dockerfile.ollama' : 'docker/Dockerfile.ollama-vision'), 'utf8');
      expect(dockerfile).toContain(`OLLAMA_HOST=0.0.0.0:${port}`);
    }
  });

  test('model URLs name the Ollama services', () => {
    for (const [key, service] of [['OLLAMA_TEXT_URL', 'ollama-text'], ['OLLAMA_VISION_URL', 'ollama-vision'], ['OLLAMA_EMBED_URL', 'ollama-vision']]) {
      const url = new URL(config[key]);
      expect(url.hostname, key).toBe(service);
      expect(Number(url.port), key).toBe(named('Service', service).spec!.ports![0].port);
    }
  });

  test('settings are the app settings', () => {
    const known = new Set(Object.keys(configSchema.shape));
    for (const key of Object.keys(config)) expect(known.has(key), `${key} is not read by lib/config.ts`).toBe(true);
    for (const key of Object.keys(secretSample)) expect(known.has(key), key).toBe(true);
    expect(() => parseConfig({ ...config, ...secretSample })).not.toThrow();
  });

  test('app and workers share config, secret and files', () => {
    for (const name of ['rma-advisor', 'rma-advisor-worker']) {
      const container = containerOf(name);
      expect(container.envFrom, name).toEqual([{ configMapRef: { name: 'rma-advisor-config' } }, { secretRef: { name: 'rma-advisor-secrets' } }]);
      expect(container.volumeMounts, name).toEqual([{ name: 'data', mountPath: config.DATA_DIR }]);
      expect(named('Deployment', name).spec!.template!.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'rma-advisor-data' } }]);
    }
    expect(named('PersistentVolumeClaim', 'rma-advisor-data').spec!.accessModes).toEqual(['ReadWriteMany']);
  });

  test('claimed volumes exist', () => {
    const claims = new Set(byKind('PersistentVolumeClaim').map((claim) => claim.metadata.name));
    for (const deployment of byKind('Deployment')) {
      for (const volume of deployment.spec!.template!.spec.volumes ?? []) {
        if (volume.persistentVolumeClaim) expect(claims.has(volume.persistentVolumeClaim.claimName), deployment.metadata.name).toBe(true);
      }
    }
  });

  test('services select their pods', () => {
    for (const service of byKind('Service')) {
      const selector = service.spec!.selector as Record<string, string>;
      const matches = byKind('Deployment').filter((deployment) =>
        Object.entries(selector).every(([key, value]) => deployment.spec!.template!.metadata.labels[key] === value),
      );
      expect(matches.map((deployment) => deployment.metadata.name), service.metadata.name).toHaveLength(1);
    }
  });
});
