import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/config';
import { OllamaModels } from '../../lib/llm/ollama';
import { startFakeOllama, type FakeOllama } from './server';

// The app's own Ollama adapter, pointed at two fakes by configuration alone, as the end-to-end tests do.

const fixturesRoot = path.resolve(import.meta.dirname, '__fixtures__');
const councilTaxScan = path.resolve(import.meta.dirname, '../../../shared/samples/synthetic/01_council_tax_reminder.scan-p1.jpg');

let text: FakeOllama;
let vision: FakeOllama;
let models: OllamaModels;

beforeAll(async () => {
  text = await startFakeOllama({ name: 'text', models: ['llama3.2'], fixturesDir: path.join(fixturesRoot, 'text'), pullDurationMs: 100 });
  vision = await startFakeOllama({ name: 'vision', models: ['llava:7b', 'nomic-embed-text'], fixturesDir: path.join(fixturesRoot, 'vision') });
  models = new OllamaModels(
    parseConfig({
      OLLAMA_TEXT_URL: text.url,
      OLLAMA_VISION_URL: vision.url,
      OLLAMA_EMBED_URL: vision.url,
      MODEL_TIMEOUT_MS: '500',
    }),
  );
});

afterAll(async () => {
  await text?.close();
  await vision?.close();
});

beforeEach(() => {
  text.reset();
  vision.reset();
  models.clearModelCache();
});

describe('app adapter against the fakes', () => {
  it('streams a chat from the text server', async () => {
    const pieces: string[] = [];
    for await (const piece of models.text.streamChat([{ role: 'user', content: 'How much council tax is overdue?' }])) pieces.push(piece);
    const chat = text.requests().find((request) => request.path === '/api/chat');

    expect(pieces.join('')).toContain('£276.30');
    expect(chat?.numCtx).toBe(8192);
    expect(vision.requests()).toEqual([]);
  });

  it('sends page images to the vision server only', async () => {
    const image = await readFile(councilTaxScan);
    const markdown = await models.vision.transcribe(new Uint8Array(image), 'Transcribe this page as markdown.');
    const visionChat = vision.requests().find((request) => request.path === '/api/chat');

    expect(markdown).toContain('NOTICE OF ASSIGNMENT');
    expect(visionChat?.imageBytes).toEqual([image.length]);
    expect(text.requests().every((request) => request.imageCount === 0)).toBe(true);
  });

  it('embeds with task prefixes on the embed server', async () => {
    await models.embedding.embed(['Council tax arrears', 'Rent arrears'], 'document');
    await models.embedding.embed(['How much is owed?'], 'query');
    const embeds = vision.requests().filter((request) => request.path === '/api/embed');

    expect(embeds.map((request) => request.embedPrefixes)).toEqual([['search_document: ', 'search_document: '], ['search_query: ']]);
  });

  it('reports a missing model as model_missing', async () => {
    await fetch(`${text.url}/api/delete`, { method: 'DELETE', body: JSON.stringify({ model: 'llama3.2' }) });

    await expect(models.text.chatJson([{ role: 'user', content: 'Hello' }], { type: 'object' })).rejects.toMatchObject({ code: 'model_missing' });
  });

  it('reports a hanging server as model_unavailable', async () => {
    vision.setBehaviour({ mode: 'hang' });

    await expect(models.embedding.embed(['Council tax arrears'], 'document')).rejects.toMatchObject({ code: 'model_unavailable' });
  });

  it('reports invalid JSON as model_output_invalid', async () => {
    text.setBehaviour({ mode: 'invalid-json' });

    await expect(models.text.chatJson([{ role: 'user', content: 'Stavewick council tax' }], { type: 'object' })).rejects.toMatchObject({
      code: 'model_output_invalid',
    });
  });

  it('pulls a model with progress', async () => {
    const statuses: string[] = [];
    for await (const progress of models.pull('text', 'mistral')) statuses.push(progress.status);
    const names = await models.listModels('text', { fresh: true });

    expect(statuses.at(-1)).toBe('success');
    expect(names).toContain('mistral:latest');
  });
});
