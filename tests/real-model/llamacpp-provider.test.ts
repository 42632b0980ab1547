import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '@/lib/config';
import { ModelProviders } from '@/lib/llm/models';
import { getRoleStatuses } from '@/lib/llm/status';
import { unreachableUrl } from '../helpers/services';
import { embeddingModelFile, realModelEnv, requireTestModels, testModels, textModelFile } from './test-models';

// The embedded llama.cpp provider on real GGUF models: Gemma 3 270M for text, all-MiniLM-L6-v2 for embeddings.

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, index) => sum + value * b[index], 0);
}

describe.skipIf(testModels.reason)('llama.cpp provider on real models', () => {
  let models: ModelProviders;

  beforeAll(() => {
    requireTestModels();
    models = new ModelProviders(parseConfig({ ...realModelEnv, TEXT_PROVIDER: 'llamacpp', EMBED_PROVIDER: 'llamacpp', LLAMACPP_TEXT_MODEL: textModelFile, LLAMACPP_EMBED_MODEL: embeddingModelFile }));
  });
  afterAll(async () => {
    await models?.close();
  });

  test('chat streams several text pieces', async () => {
    const started = Date.now();
    const pieces: string[] = [];
    for await (const piece of models.text.streamChat([{ role: 'user', content: 'Name three things a debt advisor helps with.' }])) pieces.push(piece);

    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('').trim().length).toBeGreaterThan(10);
    console.info(`llama.cpp chat: ${pieces.length} pieces in ${Date.now() - started} ms`);
  });

  test('chatJson output follows the schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        creditor: { type: 'string', minLength: 1, maxLength: 60 },
        priority: { type: 'boolean' },
        dueDate: { anyOf: [{ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, { type: 'null' }] },
        kind: { type: 'string', enum: ['council_tax', 'energy', 'other'] },
      },
      required: ['creditor', 'priority', 'dueDate', 'kind'],
      additionalProperties: false,
    };
    const output = (await models.text.chatJson([{ role: 'user', content: 'Stavewick Borough Council says £276.30 of council tax is overdue; pay by 19 October 2026.' }], schema)) as Record<string, unknown>;

    expect(Object.keys(output).sort()).toEqual(['creditor', 'dueDate', 'kind', 'priority']);
    expect(typeof output.creditor).toBe('string');
    expect(typeof output.priority).toBe('boolean');
    expect(output.dueDate === null || /^\d{4}-\d{2}-\d{2}$/.test(String(output.dueDate))).toBe(true);
    expect(['council_tax', 'energy', 'other']).toContain(output.kind);
  });

  test('two chats run at once on two sequences', async () => {
    const ask = async (question: string) => {
      let text = '';
      for await (const piece of models.text.streamChat([{ role: 'user', content: question }])) text += piece;
      return text;
    };
    const answers = await Promise.all([ask('What is council tax?'), ask('What is a Debt Relief Order?')]);
    expect(answers.every((answer) => answer.length > 0)).toBe(true);
  });

  test('embeddings are unit vectors that rank by meaning', async () => {
    const { vectors, embedder } = await models.embedding.embed(['The council tax arrears are £276.30.', 'The weather in Paris is sunny.'], 'document');
    const { vectors: [query] } = await models.embedding.embed(['How much council tax is owed?'], 'query');

    expect(embedder).toBe('llamacpp:all-minilm-l6-v2-f16.gguf');
    expect(vectors[0]).toHaveLength(384);
    expect(cosine(vectors[0], vectors[0])).toBeCloseTo(1, 5);
    expect(cosine(query, vectors[0])).toBeGreaterThan(cosine(query, vectors[1]) + 0.2);
  });

  test('input longer than the context is cut to fit', async () => {
    const { vectors } = await models.embedding.embed(['council tax arrears '.repeat(2000)], 'document');
    expect(vectors[0]).toHaveLength(384);
  });

  test('a missing model file is model_missing', async () => {
    const broken = new ModelProviders(parseConfig({ ...realModelEnv, TEXT_PROVIDER: 'llamacpp', LLAMACPP_TEXT_MODEL: '/nonexistent/model.gguf' }));
    await expect(broken.text.chatJson([{ role: 'user', content: 'Hello' }], { type: 'object' })).rejects.toMatchObject({ code: 'model_missing', message: expect.stringContaining('models:pull') });
  });

  test('a model is unloaded after its idle time', async () => {
    const quick = new ModelProviders(parseConfig({ ...realModelEnv, EMBED_PROVIDER: 'llamacpp', LLAMACPP_EMBED_MODEL: embeddingModelFile, LLAMACPP_IDLE_SECONDS: '1' }));
    await quick.embedding.embed(['Rent arrears'], 'document');
    expect(quick.runtime.loadedFiles()).toEqual([embeddingModelFile]);

    await expect.poll(() => quick.runtime.loadedFiles(), { timeout: 5000 }).toEqual([]);
    await quick.embedding.embed(['Rent arrears'], 'document');
    expect(quick.runtime.loadedFiles()).toEqual([embeddingModelFile]);
    await quick.close();
  });
});

describe.skipIf(testModels.reason)('fallback to llama.cpp', () => {
  test('an unreachable Ollama hands text and embed to the models folder', async () => {
    requireTestModels();
    const models = new ModelProviders(parseConfig({ ...realModelEnv, OLLAMA_TEXT_URL: unreachableUrl, OLLAMA_VISION_URL: unreachableUrl, OLLAMA_EMBED_URL: unreachableUrl, MODEL_PING_TIMEOUT_MS: '1000' }));
    const statuses = await getRoleStatuses(models);
    const byRole = Object.fromEntries(statuses.map((status) => [status.role, status]));

    expect(byRole.text.provider).toBe('llamacpp');
    expect(byRole.text.configuredProvider).toBe('ollama');
    expect(byRole.text.activeModel).toBe('gemma-3-270m-q4_k_m.gguf');
    expect(byRole.text.fallbackReason).toContain(unreachableUrl);
    expect(byRole.embed.provider).toBe('llamacpp');
    expect(byRole.embed.activeModel).toBe('all-minilm-l6-v2-f16.gguf');
    expect(byRole.vision.provider).toBe('ollama');
    expect(byRole.vision.reachable).toBe(false);

    const { embedder } = await models.embedding.embed(['Council tax'], 'query');
    expect(embedder).toBe('llamacpp:all-minilm-l6-v2-f16.gguf');
    await models.close();
  });

  test('LLAMACPP_FALLBACK=false keeps Ollama', async () => {
    const models = new ModelProviders(parseConfig({ ...realModelEnv, OLLAMA_TEXT_URL: unreachableUrl, LLAMACPP_FALLBACK: 'false', MODEL_PING_TIMEOUT_MS: '1000' }));
    expect((await models.choose('text')).provider).toBe('ollama');
    await expect(models.text.chatJson([{ role: 'user', content: 'Hello' }], { type: 'object' })).rejects.toMatchObject({ code: 'model_unavailable' });
  });

  test('an empty models folder keeps Ollama', async () => {
    const models = new ModelProviders(parseConfig({ ...realModelEnv, MODELS_DIR: '/nonexistent-models', OLLAMA_TEXT_URL: unreachableUrl, MODEL_PING_TIMEOUT_MS: '1000' }));
    expect((await models.choose('text')).provider).toBe('ollama');
  });
});
