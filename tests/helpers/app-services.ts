import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { parseConfig } from '@/lib/config';
import { createServices, type Services } from '@/lib/services';
import { unreachableUrl } from './services';

/**
 * Builds real services for a test: PGlite in memory, files in a temporary folder, the test Chroma,
 * and model servers at the given URLs (unreachable unless a fake Ollama is passed).
 */
export async function createTestServices(env: Record<string, string> = {}, options: { startQueue?: boolean } = {}): Promise<Services & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rma-test-'));
  const config = parseConfig({
    DATA_DIR: dataDir,
    CHROMA_URL: inject('chromaUrl') || unreachableUrl,
    OLLAMA_TEXT_URL: unreachableUrl,
    OLLAMA_VISION_URL: unreachableUrl,
    OLLAMA_EMBED_URL: unreachableUrl,
    MODEL_PING_TIMEOUT_MS: '1000',
    LOG_LEVEL: 'silent',
    // Fake and tiny models return unusable output for most letters, and these tests check what happens to model output.
    EXTRACTION_PAUSE_AFTER: '0',
    ...env,
  });
  const services = await createServices(config, { pgliteDir: 'memory://', startQueue: options.startQueue });
  const close = services.close;
  return {
    ...services,
    dataDir,
    close: async () => {
      await close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

