import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ollama, type ChatResponse, type ProgressResponse } from 'ollama';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FALLBACK_ANSWER,
  FALLBACK_JSON,
  INVALID_JSON_ANSWER,
  LOOP_LINE,
  RUNNER_FAILURE,
  startFakeOllama,
  type FakeOllama,
} from './server';

const fixturesRoot = path.resolve(import.meta.dirname, '__fixtures__');
const samples = path.resolve(import.meta.dirname, '../../../shared/samples');
const councilTaxScan = path.join(samples, 'synthetic/01_council_tax_reminder.scan-p1.jpg');
const councilTaxPhoto = path.join(samples, 'synthetic/01_council_tax_reminder.photo1.jpg');

let text: FakeOllama;
let vision: FakeOllama;

beforeAll(async () => {
  text = await startFakeOllama({
    name: 'text',
    models: ['llama3.2', 'llama2:7b'],
    fixturesDir: path.join(fixturesRoot, 'text'),
    pullDurationMs: 200,
  });
  vision = await startFakeOllama({
    name: 'vision',
    models: ['llava:7b', 'nomic-embed-text'],
    fixturesDir: path.join(fixturesRoot, 'vision'),
    pullDurationMs: 200,
  });
});

afterAll(async () => {
  await text?.close();
  await vision?.close();
});

beforeEach(() => {
  text.reset();
  vision.reset();
});

function client(fake: FakeOllama, signal?: AbortSignal): Ollama {
  if (!signal) return new Ollama({ host: fake.url });
  // ollama-js passes no signal on unstreamed calls, so a signal is bound through fetch, as the app does.
  return new Ollama({ host: fake.url, fetch: (input, init) => fetch(input, { ...init, signal }) });
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const parts: T[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

async function rejection(promise: Promise<unknown>): Promise<Error & { status_code?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { status_code?: number };
  }
  throw new Error('expected the call to be rejected, but it resolved');
}

function userMessage(content: string) {
  return [{ role: 'user', content }];
}

async function textFixtureRules(): Promise<Array<{ response?: unknown }>> {
  return JSON.parse(await readFile(path.join(fixturesRoot, 'text/chat.json'), 'utf8'));
}

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, index) => sum + value * b[index], 0);
}

describe('model management', () => {
  it('lists the start models', async () => {
    const { models } = await client(text).list();

    expect(models.map((model) => model.name)).toEqual(['llama3.2:latest', 'llama2:7b']);
  });

  it('lists models with details', async () => {
    const { models } = await client(vision).list();
    const llava = models.find((model) => model.name === 'llava:7b');

    expect(llava?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(llava?.size).toBeGreaterThan(0);
    expect(llava?.details.families).toContain('clip');
  });

  it('treats name and name:latest alike', async () => {
    const details = await client(text).show({ model: 'llama3.2' });

    expect(details.capabilities).toContain('completion');
  });

  it('shows vision and embedding capabilities', async () => {
    const llava = await client(vision).show({ model: 'llava:7b' });
    const nomic = await client(vision).show({ model: 'nomic-embed-text:latest' });

    expect(llava.capabilities).toContain('vision');
    expect(nomic.capabilities).toEqual(['embedding']);
  });

  it('show of a missing model is 404', async () => {
    const error = await rejection(client(text).show({ model: 'mistral' }));

    expect(error.status_code).toBe(404);
    expect(error.message).toBe("model 'mistral' not found");
  });

  it('pull streams rising progress', async () => {
    const parts: ProgressResponse[] = await collect(await client(text).pull({ model: 'mistral', stream: true }));
    const weights = parts.filter((part) => part.status === parts[1].status && part.completed !== undefined);

    expect(parts[0].status).toBe('pulling manifest');
    expect(parts[1].status).toMatch(/^pulling [0-9a-f]{12}$/);
    expect(parts[1].digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(weights.length).toBeGreaterThan(3);
    expect(weights.map((part) => part.completed)).toEqual([...weights.map((part) => part.completed)].sort((a, b) => a - b));
    expect(weights.at(-1)?.completed).toBe(weights.at(-1)?.total);
    expect(parts.slice(-3).map((part) => part.status)).toEqual(['verifying sha256 digest', 'writing manifest', 'success']);
  });

  it('pull adds the model to the list', async () => {
    await collect(await client(text).pull({ model: 'mistral', stream: true }));
    const { models } = await client(text).list();

    expect(models.map((model) => model.name)).toContain('mistral:latest');
  });

  it('pull without streaming returns success', async () => {
    const result = await client(text).pull({ model: 'llama3.2:1b' });
    const { models } = await client(text).list();

    expect(result.status).toBe('success');
    expect(models.map((model) => model.name)).toContain('llama3.2:1b');
  });

  it('abandoned pull adds nothing', async () => {
    const controller = new AbortController();
    const stream = await client(text, controller.signal).pull({ model: 'mistral', stream: true });
    for await (const part of stream) {
      if (part.status.startsWith('pulling ')) break;
    }
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { models } = await client(text).list();

    expect(models.map((model) => model.name)).not.toContain('mistral:latest');
  });

  it('delete removes a model', async () => {
    await client(text).delete({ model: 'llama2:7b' });
    const { models } = await client(text).list();

    expect(models.map((model) => model.name)).toEqual(['llama3.2:latest']);
  });

  it('delete of a missing model is 404', async () => {
    const error = await rejection(client(text).delete({ model: 'mistral' }));

    expect(error.status_code).toBe(404);
    expect(error.message).toBe("model 'mistral' not found");
  });

  it('delete over POST is 405 as in Ollama', async () => {
    const response = await fetch(`${text.url}/api/delete`, { method: 'POST', body: JSON.stringify({ model: 'llama2:7b' }) });

    expect(response.status).toBe(405);
  });

  it('ps lists models after a call', async () => {
    const before = await client(text).ps();
    await client(text).chat({ model: 'llama3.2', messages: userMessage('Hello') });
    const after = await client(text).ps();

    expect(before.models).toEqual([]);
    expect(after.models.map((model) => model.name)).toEqual(['llama3.2:latest']);
  });

  it('root and version answer', async () => {
    const root = await fetch(`${text.url}/`);
    const { version } = await client(text).version();

    expect(await root.text()).toBe('Ollama is running');
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('unknown path is 404 and recorded', async () => {
    const response = await fetch(`${text.url}/v1/chat/completions`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(404);
    expect(text.requests().map((request) => request.path)).toEqual(['/v1/chat/completions']);
  });
});

describe('missing model', () => {
  it('chat raises the real message', async () => {
    const error = await rejection(client(text).chat({ model: 'mistral', messages: userMessage('Hello') }));

    expect(error.status_code).toBe(404);
    expect(error.message).toBe('model "mistral" not found, try pulling it first');
  });

  it('streamed chat raises the real message', async () => {
    const error = await rejection(client(text).chat({ model: 'mistral', messages: userMessage('Hello'), stream: true }));

    expect(error.status_code).toBe(404);
    expect(error.message).toBe('model "mistral" not found, try pulling it first');
  });

  it('embed raises the real message', async () => {
    const error = await rejection(client(text).embed({ model: 'nomic-embed-text', input: ['Hello'] }));

    expect(error.status_code).toBe(404);
    expect(error.message).toBe('model "nomic-embed-text" not found, try pulling it first');
  });
});

describe('chat', () => {
  it('streams a fixture answer in pieces', async () => {
    const parts: ChatResponse[] = await collect(
      await client(text).chat({ model: 'llama3.2', messages: userMessage('How much council tax is overdue?'), stream: true }),
    );
    const answer = parts.map((part) => part.message.content).join('');
    const last = parts.at(-1)!;

    expect(parts.length).toBeGreaterThan(3);
    expect(answer).toBe((await textFixtureRules())[1].response);
    expect(last.done).toBe(true);
    expect(last.done_reason).toBe('stop');
    expect(last.eval_count).toBe(parts.length - 1);
    expect(last.total_duration).toBeGreaterThan(0);
  });

  it('answers without streaming', async () => {
    const response = await client(text).chat({ model: 'llama3.2', messages: userMessage('How much council tax is overdue?') });

    expect(response.message.content).toBe((await textFixtureRules())[1].response);
    expect(response.message.role).toBe('assistant');
    expect(response.done).toBe(true);
  });

  it('returns fixture JSON for format', async () => {
    const response = await client(text).chat({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'Extract the debts as JSON.' },
        { role: 'user', content: 'Stavewick Borough Council. COUNCIL TAX – REMINDER NOTICE. Amount overdue £276.30.' },
      ],
      format: { type: 'object', properties: { debts: { type: 'array' } } },
    });

    expect(JSON.parse(response.message.content)).toEqual((await textFixtureRules())[0].response);
  });

  it('falls back to a fixed sentence', async () => {
    const response = await client(text).chat({ model: 'llama3.2', messages: userMessage('What is the weather like?') });

    expect(response.message.content).toBe(FALLBACK_ANSWER);
  });

  it('falls back to {} for format', async () => {
    const response = await client(text).chat({ model: 'llama3.2', messages: userMessage('What is the weather like?'), format: 'json' });

    expect(response.message.content).toBe(FALLBACK_JSON);
  });

  it('records images with their sizes', async () => {
    const scan = await readFile(councilTaxScan);
    const photo = await readFile(councilTaxPhoto);
    await client(vision).chat({
      model: 'llava:7b',
      messages: [
        { role: 'user', content: 'Transcribe this page as markdown.', images: [new Uint8Array(scan)] },
        { role: 'user', content: 'And this photo of it.', images: [photo.toString('base64')] },
      ],
    });
    const [recorded] = vision.requests();

    expect(recorded.path).toBe('/api/chat');
    expect(recorded.imageCount).toBe(2);
    expect(recorded.imageBytes).toEqual([scan.length, photo.length]);
  });

  it('answers images from a response file', async () => {
    const image = await readFile(councilTaxScan);
    const response = await client(vision).chat({
      model: 'llava:7b',
      messages: [{ role: 'user', content: 'Transcribe this page as markdown.', images: [image.toString('base64')] }],
    });

    expect(response.message.content).toBe(await readFile(path.join(fixturesRoot, 'vision/08_debt_collection_sold_on.md'), 'utf8'));
  });

  it('rejects a data URL image', async () => {
    const image = await readFile(councilTaxScan);
    const error = await rejection(
      client(vision).chat({
        model: 'llava:7b',
        messages: [{ role: 'user', content: 'Transcribe this page.', images: [`data:image/jpeg;base64,${image.toString('base64')}`] }],
      }),
    );

    expect(error.status_code).toBe(400);
    expect(error.message).toBe('illegal base64 data at input byte 4');
  });

  it('records options and the last user message', async () => {
    await client(text).chat({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'You are a debt advice assistant.' },
        { role: 'user', content: 'How much council tax is overdue?' },
      ],
      options: { num_ctx: 8192 },
      stream: false,
    });
    const [recorded] = text.requests();

    expect(recorded.model).toBe('llama3.2');
    expect(recorded.numCtx).toBe(8192);
    expect(recorded.lastUserMessage).toBe('How much council tax is overdue?');
    expect(recorded.stream).toBe(false);
    expect(recorded.hasFormat).toBe(false);
    expect(recorded.promptTokens).toBeGreaterThan(10);
  });

  it('cuts the answer at num_predict', async () => {
    text.setBehaviour({ mode: 'loop' });
    const response = await client(text).chat({ model: 'llama3.2', messages: userMessage('Hello'), options: { num_predict: 50 } });

    expect(response.eval_count).toBe(50);
    expect(response.done_reason).toBe('length');
  });

  it('rejects chat on an embedding model', async () => {
    const error = await rejection(client(vision).chat({ model: 'nomic-embed-text', messages: userMessage('Hello') }));

    expect(error.status_code).toBe(400);
    expect(error.message).toBe('"nomic-embed-text" does not support chat');
  });

  it('only loads the model without messages', async () => {
    const response = await client(text).chat({ model: 'llama3.2', messages: [] });

    expect(response.done_reason).toBe('load');
  });

  it('reloads chat.json on every request', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'fake-ollama-'));
    const fake = await startFakeOllama({ models: ['llama3.2'], fixturesDir: folder });
    try {
      const rules = (answer: string) => JSON.stringify([{ match: { contains: ['breathing space'] }, response: answer }]);
      await writeFile(path.join(folder, 'chat.json'), rules('first'));
      const first = await client(fake).chat({ model: 'llama3.2', messages: userMessage('What is a breathing space?') });
      await writeFile(path.join(folder, 'chat.json'), rules('second'));
      const second = await client(fake).chat({ model: 'llama3.2', messages: userMessage('What is a breathing space?') });

      expect(first.message.content).toBe('first');
      expect(second.message.content).toBe('second');
    } finally {
      await fake.close();
      await rm(folder, { recursive: true });
    }
  });

  it('reports an invalid chat.json', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'fake-ollama-'));
    const fake = await startFakeOllama({ models: ['llama3.2'], fixturesDir: folder, logLevel: 'silent' });
    try {
      await writeFile(path.join(folder, 'chat.json'), JSON.stringify([{ match: { contain: ['typo'] }, response: 'x' }]));
      const error = await rejection(client(fake).chat({ model: 'llama3.2', messages: userMessage('Hello') }));

      expect(error.status_code).toBe(500);
      expect(error.message).toContain('chat.json is invalid at 0.match');
    } finally {
      await fake.close();
      await rm(folder, { recursive: true });
    }
  });
});

describe('generate', () => {
  it('streams a response in pieces', async () => {
    const parts = await collect(await client(text).generate({ model: 'llama3.2', prompt: 'How much council tax is overdue?', stream: true }));

    expect(parts.map((part) => part.response).join('')).toBe((await textFixtureRules())[1].response);
    expect(parts.at(-1)?.done).toBe(true);
    expect(parts.at(-1)?.context.length).toBeGreaterThan(0);
  });

  it('records prompt images', async () => {
    const image = await readFile(councilTaxScan);
    await client(vision).generate({ model: 'llava:7b', prompt: 'Transcribe this page.', images: [new Uint8Array(image)] });
    const [recorded] = vision.requests();

    expect(recorded.imageBytes).toEqual([image.length]);
    expect(recorded.lastUserMessage).toBe('Transcribe this page.');
  });
});

describe('embeddings', () => {
  it('returns 768-dimension unit vectors', async () => {
    const { embeddings } = await client(vision).embed({ model: 'nomic-embed-text', input: ['search_document: Council tax arrears'] });
    const length = Math.sqrt(cosine(embeddings[0], embeddings[0]));

    expect(embeddings[0]).toHaveLength(768);
    expect(length).toBeCloseTo(1, 6);
  });

  it('is deterministic', async () => {
    const first = await client(vision).embed({ model: 'nomic-embed-text', input: 'Council tax arrears' });
    const second = await client(vision).embed({ model: 'nomic-embed-text', input: 'Council tax arrears' });

    expect(second.embeddings).toEqual(first.embeddings);
  });

  it('records inputs and prefixes', async () => {
    await client(vision).embed({ model: 'nomic-embed-text', input: ['search_document: a', 'search_query: b', 'c'] });
    const [recorded] = vision.requests();

    expect(recorded.embedInputs).toBe(3);
    expect(recorded.embedPrefixes).toEqual(['search_document: ', 'search_query: ', '']);
  });

  it('places a question nearer its passage', async () => {
    const { embeddings } = await client(vision).embed({
      model: 'nomic-embed-text',
      input: [
        'search_query: How much council tax is overdue?',
        'search_document: The amount now overdue on your council tax account is £276.30.',
        'search_document: Your energy account is in arrears and a prepayment meter may be fitted.',
      ],
    });
    const [question, related, unrelated] = embeddings;

    expect(cosine(question, related)).toBeGreaterThan(cosine(question, unrelated));
  });

  it('ranks knowledge-base passages for their questions', async () => {
    const qa = JSON.parse(await readFile(path.join(samples, 'knowledge/qa.json'), 'utf8')) as {
      items: Array<{ id: string; question: string; evidence?: Array<{ text: string }> }>;
    };
    const answerable = qa.items.filter((item) => item.evidence?.length);
    const passages = answerable.map((item) => `search_document: ${item.evidence!.map((evidence) => evidence.text).join(' ')}`);
    const { embeddings: passageVectors } = await client(vision).embed({ model: 'nomic-embed-text', input: passages });

    // Questions that share words with their evidence; a bag-of-words embedding cannot match paraphrases.
    for (const id of ['kb-s01', 'kb-s02', 'kb-s03', 'kb-s05']) {
      const index = answerable.findIndex((item) => item.id === id);
      const { embeddings } = await client(vision).embed({ model: 'nomic-embed-text', input: `search_query: ${answerable[index].question}` });
      const scores = passageVectors.map((vector) => cosine(embeddings[0], vector));

      expect(scores.indexOf(Math.max(...scores)), id).toBe(index);
    }
  });

  it('rejects long input when truncate is false', async () => {
    const long = 'council tax arrears '.repeat(1000);
    const error = await rejection(client(vision).embed({ model: 'nomic-embed-text', input: long, truncate: false }));

    expect(error.status_code).toBe(400);
    expect(error.message).toBe('the input length exceeds the context length');
  });

  it('truncates long input by default', async () => {
    const response = await client(vision).embed({ model: 'nomic-embed-text', input: 'council tax arrears '.repeat(1000) });

    expect(response.prompt_eval_count).toBe(2048);
  });

  it('answers the legacy embeddings endpoint', async () => {
    const { embedding } = await client(vision).embeddings({ model: 'nomic-embed-text', prompt: 'search_query: council tax' });
    const [recorded] = vision.requests();

    expect(embedding).toHaveLength(768);
    expect(recorded.embedPrefixes).toEqual(['search_query: ']);
  });
});

describe('behaviour modes', () => {
  it('fail makes chat throw', async () => {
    text.setBehaviour({ mode: 'fail' });
    const error = await rejection(client(text).chat({ model: 'llama3.2', messages: userMessage('Hello') }));

    expect(error.status_code).toBe(500);
    expect(error.message).toBe(RUNNER_FAILURE);
  });

  it('fail makes embed throw', async () => {
    vision.setBehaviour({ mode: 'fail' });
    const error = await rejection(client(vision).embed({ model: 'nomic-embed-text', input: 'Hello' }));

    expect(error.status_code).toBe(500);
  });

  it('fail leaves model management working', async () => {
    text.setBehaviour({ mode: 'fail' });
    const { models } = await client(text).list();
    const pulled = await client(text).pull({ model: 'mistral' });

    expect(models).toHaveLength(2);
    expect(pulled.status).toBe('success');
  });

  it('empty answers with no content', async () => {
    text.setBehaviour({ mode: 'empty' });
    const response = await client(text).chat({ model: 'llama3.2', messages: userMessage('How much council tax is overdue?') });

    expect(response.message.content).toBe('');
    expect(response.done).toBe(true);
  });

  it('loop repeats one line', async () => {
    text.setBehaviour({ mode: 'loop' });
    const response = await client(text).chat({ model: 'llama3.2', messages: userMessage('Hello') });
    const lines = response.message.content.trim().split('\n');

    expect(lines.length).toBeGreaterThan(200);
    expect(new Set(lines)).toEqual(new Set([LOOP_LINE]));
    expect(response.done_reason).toBe('length');
  });

  it('invalid-json ignores format', async () => {
    text.setBehaviour({ mode: 'invalid-json' });
    const response = await client(text).chat({ model: 'llama3.2', messages: userMessage('Stavewick council tax'), format: 'json' });

    expect(response.message.content).toBe(INVALID_JSON_ANSWER);
    expect(() => JSON.parse(response.message.content)).toThrow(SyntaxError);
  });

  it('hang is ended by the client signal', async () => {
    text.setBehaviour({ mode: 'hang' });
    const error = await rejection(client(text, AbortSignal.timeout(200)).chat({ model: 'llama3.2', messages: userMessage('Hello') }));

    expect(error.name).toBe('TimeoutError');
    expect(text.requests().map((request) => request.path)).toEqual(['/api/chat']);
  });

  it('hang ends when the server closes', async () => {
    const fake = await startFakeOllama({ models: ['llama3.2'] });
    fake.setBehaviour({ mode: 'hang' });
    const pending = rejection(client(fake).chat({ model: 'llama3.2', messages: userMessage('Hello') }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await fake.close();

    expect((await pending).message).toMatch(/fetch failed|terminated|socket/i);
  });

  it('delayMs holds back the answer', async () => {
    text.setBehaviour({ mode: 'normal', delayMs: 300 });
    const started = Date.now();
    await client(text).chat({ model: 'llama3.2', messages: userMessage('Hello') });

    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('tokenDelayMs spaces out chunks', async () => {
    text.setBehaviour({ mode: 'normal', tokenDelayMs: 50 });
    const arrivals: number[] = [];
    const stream = await client(text).chat({ model: 'llama3.2', messages: userMessage('How much council tax is overdue?'), stream: true });
    for await (const part of stream) {
      if (!part.done) arrivals.push(Date.now());
    }

    expect(arrivals.length).toBeGreaterThan(3);
    expect(arrivals.at(-1)! - arrivals[0]).toBeGreaterThanOrEqual((arrivals.length - 1) * 45);
  });

  it('setBehaviour rejects an unknown mode', () => {
    expect(() => text.setBehaviour({ mode: 'slow' } as never)).toThrow();
  });
});

describe('control over HTTP', () => {
  it('POST /__fake/behaviour sets the mode', async () => {
    const response = await fetch(`${text.url}/__fake/behaviour`, { method: 'POST', body: JSON.stringify({ mode: 'fail' }) });
    const error = await rejection(client(text).chat({ model: 'llama3.2', messages: userMessage('Hello') }));

    expect(response.status).toBe(200);
    expect(error.status_code).toBe(500);
  });

  it('POST /__fake/behaviour rejects an invalid body', async () => {
    const response = await fetch(`${text.url}/__fake/behaviour`, { method: 'POST', body: JSON.stringify({ mode: 'slow' }) });

    expect(response.status).toBe(400);
    expect((await response.json()).error).toContain('mode');
  });

  it('GET /__fake/requests lists model calls only', async () => {
    await client(text).chat({ model: 'llama3.2', messages: userMessage('Hello') });
    await fetch(`${text.url}/__fake/behaviour`, { method: 'POST', body: JSON.stringify({ mode: 'normal' }) });
    const response = await fetch(`${text.url}/__fake/requests`);
    const requests = (await response.json()) as Array<{ path: string; model?: string }>;

    expect(requests.map((request) => request.path)).toEqual(['/api/chat']);
    expect(requests[0].model).toBe('llama3.2');
  });

  it('POST /__fake/reset restores the start state', async () => {
    text.setBehaviour({ mode: 'fail' });
    await client(text).delete({ model: 'llama2:7b' });
    const response = await fetch(`${text.url}/__fake/reset`, { method: 'POST' });
    const { models } = await client(text).list();
    const chat = await client(text).chat({ model: 'llama3.2', messages: userMessage('Hello') });

    expect(response.status).toBe(204);
    expect(models.map((model) => model.name)).toEqual(['llama3.2:latest', 'llama2:7b']);
    expect(chat.message.content).toBe(FALLBACK_ANSWER);
    expect(text.requests().map((request) => request.path)).toEqual(['/api/tags', '/api/chat']);
  });
});

describe('two servers', () => {
  it('listen on separate ports', () => {
    expect(text.port).not.toBe(vision.port);
  });

  it('keep separate request logs', async () => {
    const image = await readFile(councilTaxScan);
    await client(text).chat({ model: 'llama3.2', messages: userMessage('How much council tax is overdue?') });
    await client(vision).chat({ model: 'llava:7b', messages: [{ role: 'user', content: 'Transcribe this page.', images: [new Uint8Array(image)] }] });
    await client(vision).embed({ model: 'nomic-embed-text', input: 'search_query: council tax' });

    expect(text.requests().map((request) => request.path)).toEqual(['/api/chat']);
    expect(text.requests().every((request) => request.imageCount === 0)).toBe(true);
    expect(vision.requests().map((request) => request.path)).toEqual(['/api/chat', '/api/embed']);
    expect(vision.requests()[0].imageCount).toBe(1);
  });

  it('keep separate behaviours', async () => {
    vision.setBehaviour({ mode: 'fail' });
    const answer = await client(text).chat({ model: 'llama3.2', messages: userMessage('Hello') });

    expect(answer.message.content).toBe(FALLBACK_ANSWER);
  });

  it('refuse a missing fixtures folder', async () => {
    await expect(startFakeOllama({ fixturesDir: path.join(fixturesRoot, 'no-such-folder') })).rejects.toThrow(/does not exist/);
  });

  it('refuse a non-loopback host', async () => {
    await expect(startFakeOllama({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});
