import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { parseConfig } from '../../lib/config';
import { modelOutputJsonSchema } from '../../lib/entities/schema';
import { ModelProviders } from '../../lib/llm/models';
import { OpenAiTextModel } from '../../lib/llm/openai';
import { getRoleStatuses } from '../../lib/llm/status';
import { startFakeOpenAi, type FakeOpenAi } from './server';

// The app's OpenAI-compatible client, pointed at the fake by configuration alone, as a centre moving chat to vLLM would.

const MODEL = 'meta-llama/Llama-3.2-3B-Instruct';
const fixtures = path.resolve(import.meta.dirname, '../fixtures/text');
const councilTaxLetter = 'COUNCIL TAX REMINDER NOTICE. Account reference 40118823. Overdue instalments £276.30.';

let fake: FakeOpenAi;
let locked: FakeOpenAi;
let model: OpenAiTextModel;

beforeAll(async () => {
  fake = await startFakeOpenAi({ models: [MODEL], fixturesDir: fixtures });
  locked = await startFakeOpenAi({ models: [MODEL], apiKey: 'centre-secret-token' });
  model = new OpenAiTextModel(parseConfig({ OPENAI_BASE_URL: fake.url, OPENAI_MODEL: MODEL, MODEL_TIMEOUT_MS: '1000' }));
});

afterAll(async () => {
  await fake?.close();
  await locked?.close();
});

beforeEach(() => fake.reset());

describe('OpenAiTextModel', () => {
  test('streams chat as several deltas', async () => {
    const pieces: string[] = [];
    for await (const piece of model.streamChat([{ role: 'user', content: 'How much council tax is overdue?' }])) pieces.push(piece);

    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toContain('default answer');
    const [request] = fake.requests();
    expect(request.stream).toBe(true);
    expect(request.model).toBe(MODEL);
  });

  test('chatJson sends the schema as json_schema', async () => {
    const output = await model.chatJson([{ role: 'user', content: councilTaxLetter }], modelOutputJsonSchema);

    expect(output).toMatchObject({ documentType: 'council_tax', debts: [{ amount: '276.30', accountReference: '40118823' }] });
    const [request] = fake.requests();
    expect(request.responseFormat).toBe('json_schema');
    expect(request.jsonSchema).toEqual(modelOutputJsonSchema);
    expect(request.stream).toBe(false);
  });

  test('output that is not JSON is model_output_invalid', async () => {
    fake.setBehaviour({ mode: 'invalid-json' });
    await expect(model.chatJson([{ role: 'user', content: councilTaxLetter }], modelOutputJsonSchema)).rejects.toMatchObject({ code: 'model_output_invalid' });
  });

  test('an unknown model is model_missing', async () => {
    const other = new OpenAiTextModel(parseConfig({ OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'Qwen/Qwen2.5-7B-Instruct' }));
    await expect(other.chatJson([{ role: 'user', content: 'Hello' }], { type: 'object' })).rejects.toMatchObject({ code: 'model_missing', message: expect.stringContaining('OPENAI_MODEL') });
  });

  test('a server failure is model_unavailable', async () => {
    fake.setBehaviour({ mode: 'fail' });
    await expect(model.chatJson([{ role: 'user', content: 'Hello' }], { type: 'object' })).rejects.toMatchObject({ code: 'model_unavailable', message: expect.stringContaining('HTTP 500') });
  });

  test('a failure mid-stream is model_unavailable', async () => {
    fake.setBehaviour({ mode: 'fail' });
    const consume = async () => {
      for await (const piece of model.streamChat([{ role: 'user', content: 'Hello' }])) expect(piece).toBeTypeOf('string');
    };
    await expect(consume()).rejects.toMatchObject({ code: 'model_unavailable' });
  });

  test('a hung server times out', async () => {
    fake.setBehaviour({ mode: 'hang' });
    const started = Date.now();
    await expect(model.chatJson([{ role: 'user', content: 'Hello' }], { type: 'object' })).rejects.toMatchObject({ code: 'model_unavailable', message: expect.stringContaining('timed out') });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('an unreachable server names OPENAI_BASE_URL', async () => {
    const away = new OpenAiTextModel(parseConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_MODEL: MODEL }));
    await expect(away.listModels()).rejects.toMatchObject({ code: 'model_unavailable', message: expect.stringContaining('OPENAI_BASE_URL') });
  });

  test('the API key is sent as a bearer token', async () => {
    const withKey = new OpenAiTextModel(parseConfig({ OPENAI_BASE_URL: locked.url, OPENAI_MODEL: MODEL, OPENAI_API_KEY: 'centre-secret-token' }));
    await expect(withKey.chatJson([{ role: 'user', content: 'Hello' }], { type: 'object' })).resolves.toEqual({});
    expect(locked.requests().at(-1)?.authorized).toBe(true);
  });

  test('a wrong API key is named', async () => {
    const wrongKey = new OpenAiTextModel(parseConfig({ OPENAI_BASE_URL: locked.url, OPENAI_MODEL: MODEL, OPENAI_API_KEY: 'wrong' }));
    await expect(wrongKey.chatJson([{ role: 'user', content: 'Hello' }], { type: 'object' })).rejects.toMatchObject({ code: 'model_unavailable', message: expect.stringContaining('OPENAI_API_KEY') });
  });
});

describe('TEXT_PROVIDER=openai', () => {
  test('routes text to the OpenAI-compatible server', async () => {
    const models = new ModelProviders(parseConfig({ TEXT_PROVIDER: 'openai', OPENAI_BASE_URL: fake.url, OPENAI_MODEL: MODEL, OLLAMA_TEXT_URL: 'http://127.0.0.1:9' }));
    const pieces: string[] = [];
    for await (const piece of models.text.streamChat([{ role: 'user', content: 'Hello' }])) pieces.push(piece);

    expect(pieces.join('')).toContain('default answer');
    expect(fake.requests().filter((request) => request.path === '/v1/chat/completions')).toHaveLength(1);
  });

  test('the status names the provider and model', async () => {
    const models = new ModelProviders(parseConfig({ TEXT_PROVIDER: 'openai', OPENAI_BASE_URL: fake.url, OPENAI_MODEL: MODEL, OLLAMA_VISION_URL: 'http://127.0.0.1:9', OLLAMA_EMBED_URL: 'http://127.0.0.1:9', LLAMACPP_FALLBACK: 'false' }));
    const text = (await getRoleStatuses(models)).find((role) => role.role === 'text')!;

    expect(text.provider).toBe('openai');
    expect(text.url).toBe(fake.url);
    expect(text.reachable).toBe(true);
    expect(text.activeModel).toBe(MODEL);
    expect(text.serverModels).toEqual([MODEL]);
  });
});
