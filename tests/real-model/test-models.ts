import fs from 'node:fs';
import path from 'node:path';

/**
 * The GGUF models of the real-model tests, fetched by scripts/models/fetch-test-models.py into
 * .cache/models (TEST_MODELS_DIR moves it). Outside CI the tests skip with `reason` when a model is
 * missing; with CI=true they fail instead, as .ci/run fetches the models first.
 */
export const testModelsDir = path.resolve(process.env.TEST_MODELS_DIR ?? path.resolve(import.meta.dirname, '../../.cache/models'));
export const textModelFile = path.join(testModelsDir, 'gemma-3-270m-q4_k_m.gguf');
export const embeddingModelFile = path.join(testModelsDir, 'all-minilm-l6-v2-f16.gguf');

const missing = [textModelFile, embeddingModelFile].filter((file) => !fs.existsSync(file));

export const testModels: { reason: string | undefined } = {
  reason:
    missing.length === 0 || process.env.CI === 'true'
      ? undefined
      : `the test models are missing (${missing.map((file) => path.basename(file)).join(', ')}); run "python3 scripts/models/fetch-test-models.py"`,
};

/** Throws under CI when a model is missing, so that a CI run never passes by skipping these tests. */
export function requireTestModels(): void {
  if (missing.length > 0) throw new Error(`Missing test models in ${testModelsDir}: ${missing.map((file) => path.basename(file)).join(', ')}. Run "python3 scripts/models/fetch-test-models.py".`);
}

/** Settings that keep a 270M model quick on two cores: one thread per call and a short token cap. */
export const realModelEnv = {
  MODELS_DIR: testModelsDir,
  LLAMACPP_THREADS: '1',
  LLAMACPP_MAX_TOKENS: '256',
  TEXT_NUM_CTX: '8192',
};
