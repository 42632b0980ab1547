import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '@/e2e/fake-ollama/server';
import { parseConfig } from '@/lib/config';
import { OllamaModels } from '@/lib/llm/ollama';
import type { TextModel } from '@/lib/llm/types';
import { letterSections, streamLetter, type LetterEvent } from './letter';

const fixturesDir = path.resolve(import.meta.dirname, '__fixtures__');
const notes = 'Client owes £100.00 to Tallow Water Ltd. We will ask for a payment plan. Next appointment on 3 March.';

let fake: FakeOllama;
let textModel: TextModel;

async function writeLetter(advisorName?: string, clientName = 'Ms Ada Fenwick'): Promise<LetterEvent[]> {
  const events: LetterEvent[] = [];
  for await (const event of streamLetter({ clientName, notes, advisorName, textModel })) events.push(event);
  return events;
}

function finished(events: LetterEvent[]): string {
  const done = events.find((event) => event.type === 'done');
  if (!done || done.type !== 'done') throw new Error('the letter did not finish');
  return done.letter;
}

function check(events: LetterEvent[]) {
  const found = events.find((event) => event.type === 'check');
  if (!found || found.type !== 'check') throw new Error('the letter was not checked');
  return found;
}

beforeAll(async () => {
  fake = await startFakeOllama({ name: 'letters-text', models: ['llama3.2'], fixturesDir, logLevel: 'silent' });
  textModel = new OllamaModels(parseConfig({ OLLAMA_TEXT_URL: fake.url, MODEL_TIMEOUT_MS: '10000', MODEL_PING_TIMEOUT_MS: '2000' })).text;
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
});

describe('streamLetter', () => {
  it('asks for each part separately', async () => {
    await writeLetter();
    const prompts = fake.requests().filter((request) => request.path === '/api/chat').map((request) => request.lastUserMessage ?? '');
    expect(prompts).toHaveLength(3);
    letterSections.forEach((section, index) => expect(prompts[index]).toContain(`Write the part "${section}"`));
    for (const prompt of prompts) expect(prompt).toContain(notes);
  });

  it('writes the parts under fixed headings', async () => {
    const letter = finished(await writeLetter());
    expect(letter.startsWith('Dear Ms Ada Fenwick,\n\nYour situation\n\nYou owe £100.00')).toBe(true);
    expect(letter).toContain('\n\nWhat we will do\n\n- We will ask Tallow Water Ltd for a payment plan.');
    expect(letter).toContain('\n\nWhat you should do\n\n- Send us your next water bill.');
    expect(letter.trimEnd().endsWith('Yours sincerely,\n\nYour advisor')).toBe(true);
  });

  it('signs with the advisor name', async () => {
    const letter = finished(await writeLetter('Sam Okafor'));
    expect(letter.trimEnd().endsWith('Yours sincerely,\n\nSam Okafor')).toBe(true);
  });

  it('drops headings the model repeats', async () => {
    const letter = finished(await writeLetter());
    expect(letter.match(/Your situation/g)).toHaveLength(1);
    expect(letter.match(/What we will do/g)).toHaveLength(1);
  });

  it('streams the letter in pieces', async () => {
    const events = await writeLetter();
    const deltas = events.flatMap((event) => (event.type === 'delta' ? [event.text] : []));
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(finished(events));
  });

  it('lists figures the letter lost', async () => {
    const result = check(await writeLetter());
    expect(result.missingFigures).toEqual(['3 March']);
    expect(result.addedFigures).toEqual([]);
    expect(result.missingSections).toEqual([]);
    expect(result.repeatsInstructions).toBe(false);
  });

  it('reports a letter that repeats its instructions', async () => {
    const result = check(await writeLetter(undefined, 'Mr Echo Tester'));
    expect(result.repeatsInstructions).toBe(true);
  });

  it('reports parts the model left empty', async () => {
    fake.setBehaviour({ mode: 'empty' });
    const events = await writeLetter();
    expect(check(events).missingSections).toEqual([...letterSections]);
    expect(finished(events)).toContain('\n\nWhat you should do\n\n');
  });

  it('falls back when the model fails', async () => {
    fake.setBehaviour({ mode: 'fail' });
    const events = await writeLetter();
    const fallback = events.find((event) => event.type === 'fallback');
    expect(fallback?.type).toBe('fallback');
    expect(events.some((event) => event.type === 'done')).toBe(false);
    expect(events.some((event) => event.type === 'delta')).toBe(false);
  });
});
