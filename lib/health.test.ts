import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestServices } from '@/tests/helpers/app-services';
import { startFakeModelServers, type FakeModelServers } from '@/tests/helpers/fake-models';
import { checkHealth } from './health';
import type { Services } from './services';

let models: FakeModelServers;
let healthy: Services;
let cut: Services;

beforeAll(async () => {
  models = await startFakeModelServers();
  healthy = await createTestServices(models.env, { startQueue: false });
  cut = await createTestServices({ CHROMA_URL: 'http://127.0.0.1:9' }, { startQueue: false });
});
afterAll(async () => {
  await healthy.close();
  await cut.close();
  await models.close();
});

test('all dependencies up is ok', async () => {
  const health = await checkHealth(healthy);
  expect(health.status).toBe(healthy.config.CHROMA_URL.endsWith(':9') ? 'degraded' : 'ok');
  expect(health.models.every((role) => role.reachable)).toBe(true);
  expect(health.models.find((role) => role.role === 'text')?.activeModel).toBe('llama3.2');
});

test('unreachable servers are degraded with reasons', async () => {
  const health = await checkHealth(cut);
  expect(health.status).toBe('degraded');
  const vectors = health.dependencies.find((dependency) => dependency.name === 'vectors')!;
  expect(vectors.reachable).toBe(false);
  expect(vectors.error).toMatch(/CHROMA_URL/);
  const text = health.models.find((role) => role.role === 'text')!;
  expect(text.reachable).toBe(false);
  expect(text.error).toMatch(/Cannot reach/);
  expect(health.dependencies.find((dependency) => dependency.name === 'database')?.reachable).toBe(true);
});

test('a missing model is named', async () => {
  await fetch(`${models.text.url}/api/delete`, { method: 'DELETE', body: JSON.stringify({ model: 'llama3.2' }) });
  const health = await checkHealth(healthy);
  const text = health.models.find((role) => role.role === 'text')!;
  expect(text.reachable).toBe(true);
  expect(text.activeModel).toBeNull();
  expect(text.error).toContain('llama3.2');
  models.text.reset();
});

test('pull tracker reports progress to done', async () => {
  await fetch(`${models.vision.url}/api/delete`, { method: 'DELETE', body: JSON.stringify({ model: 'nomic-embed-text' }) });
  const started = healthy.pulls.start('embed');
  expect(started.status).toBe('running');
  expect(healthy.pulls.start('embed')).toBe(started);

  await expect.poll(() => started.status, { timeout: 10_000 }).toBe('done');
  expect(started.total).toBeGreaterThan(0);
  expect(started.completed).toBe(started.total);
  expect((await checkHealth(healthy)).models.find((role) => role.role === 'embed')?.activeModel).toBe('nomic-embed-text');
  models.vision.reset();
});

test('embed errors name the embed setting', async () => {
  const health = await checkHealth(cut);
  const embed = health.models.find((role) => role.role === 'embed')!;
  expect(embed.error).toContain('OLLAMA_EMBED_URL');
  expect(embed.error).toContain('embedding model server');
});
