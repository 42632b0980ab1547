import path from 'node:path';
import { startFakeOllama, type FakeOllama } from '@/e2e/fake-ollama/server';

export type FakeModelServers = { text: FakeOllama; vision: FakeOllama; env: Record<string, string>; close: () => Promise<void> };

const fixtures = path.resolve(import.meta.dirname, '../../e2e/fixtures');

/**
 * Starts the two fake Ollama servers the app uses in tests, with the end-to-end fixtures unless
 * other text fixtures are given: a text server, and a vision and embedding server. `env` points the
 * app's configuration at them.
 */
export async function startFakeModelServers(options: { textFixturesDir?: string } = {}): Promise<FakeModelServers> {
  const textFixtures = options.textFixturesDir ?? path.join(fixtures, 'text');
  const text = await startFakeOllama({ name: 'text', models: ['llama3.2'], fixturesDir: textFixtures, logLevel: 'silent' });
  const vision = await startFakeOllama({ name: 'vision', models: ['llava:7b', 'nomic-embed-text'], fixturesDir: path.join(fixtures, 'vision'), logLevel: 'silent' });
  return {
    text,
    vision,
    env: { OLLAMA_TEXT_URL: text.url, OLLAMA_VISION_URL: vision.url, OLLAMA_EMBED_URL: vision.url },
    close: async () => {
      await text.close();
      await vision.close();
    },
  };
}
