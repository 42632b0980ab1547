// Measures what the separate text and vision Ollama servers are for: an advisor's chat must start
// as quickly while the vision server is saturated with OCR pages as when it is idle. Two fake Ollama
// servers (e2e/fake-ollama) take a fixed time per call, and the app's own model adapters
// (lib/llm/ollama.ts, with their per-server concurrency gates) call them, so the figures measure
// the app's queueing, not a model. One run prints chat time-to-first-token (TTFT) with the vision
// server idle and with it saturated, and, for contrast, the same two figures with text and vision on
// one shared server as in docker-compose-simple.yml. Run: npm run bench:ttft
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeOllama, type FakeOllama } from '../e2e/fake-ollama/server';
import { parseConfig } from '../lib/config';
import { OllamaModels } from '../lib/llm/ollama';

const chats = Number(process.env.BENCH_CHATS ?? 20);
/** Fixed times of the fake servers, in milliseconds: before the first byte, between streamed tokens. */
const textDelayMs = Number(process.env.BENCH_TEXT_DELAY_MS ?? 150);
const tokenDelayMs = Number(process.env.BENCH_TOKEN_DELAY_MS ?? 5);
const pageDelayMs = Number(process.env.BENCH_PAGE_DELAY_MS ?? 1_000);
/** Documents being read at once, each sending its pages one after another, as workers do. */
const ocrStreams = Number(process.env.BENCH_OCR_STREAMS ?? 4);

const fixtures = path.resolve(import.meta.dirname, '../e2e/fixtures');
const samples = process.env.SAMPLES_DIR ?? path.resolve(import.meta.dirname, '../../shared/samples');
const question = [{ role: 'user' as const, content: 'How much council tax is overdue, and by when must it be paid?' }];

type Scenario = { name: string; ttftMs: number[]; pages: number };

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

const median = (scenario: Scenario) => percentile(scenario.ttftMs, 0.5);

/** Streams one chat response to its end and returns the time to its first token. */
async function timeToFirstToken(models: OllamaModels): Promise<number> {
  const started = performance.now();
  let first: number | undefined;
  for await (const delta of models.text.streamChat(question)) {
    if (first === undefined && delta.length > 0) first = performance.now() - started;
  }
  if (first === undefined) throw new Error('The chat streamed no tokens; check the fake text server.');
  return first;
}

/** Sends page images to the vision model without pause until `stop` is aborted; returns the pages done. */
async function saturateVision(models: OllamaModels, page: Uint8Array, stop: AbortSignal): Promise<number> {
  let pages = 0;
  const stream = async () => {
    while (!stop.aborted) {
      await models.vision.transcribe(page, 'Transcribe this page as markdown.').catch((error: unknown) => {
        if (!stop.aborted) throw error;
      });
      if (!stop.aborted) pages += 1;
    }
  };
  await Promise.all(Array.from({ length: ocrStreams }, stream));
  return pages;
}

async function measure(name: string, models: OllamaModels, options: { page?: Uint8Array }): Promise<Scenario> {
  // One chat first, so the model list is cached and connections are open in every scenario alike.
  await timeToFirstToken(models);
  const stop = new AbortController();
  const load = options.page ? saturateVision(models, options.page, stop.signal) : Promise.resolve(0);
  // Lets the OCR streams fill the vision server's gate before the first timed chat.
  if (options.page) await new Promise((resolve) => setTimeout(resolve, pageDelayMs / 2));

  const ttftMs: number[] = [];
  for (let index = 0; index < chats; index++) ttftMs.push(await timeToFirstToken(models));
  stop.abort();
  return { name, ttftMs, pages: await load };
}

function modelsFor(textUrl: string, visionUrl: string): OllamaModels {
  return new OllamaModels(
    parseConfig({ OLLAMA_TEXT_URL: textUrl, OLLAMA_VISION_URL: visionUrl, OLLAMA_EMBED_URL: visionUrl, LOG_LEVEL: 'silent' }),
  );
}

async function main(): Promise<void> {
  const page = new Uint8Array(fs.readFileSync(path.join(samples, 'synthetic/01_council_tax_reminder.scan-p1.jpg')));
  const servers: FakeOllama[] = [];
  try {
    const text = await startFakeOllama({ name: 'text', models: ['llama3.2'], fixturesDir: path.join(fixtures, 'text'), logLevel: 'silent' });
    const vision = await startFakeOllama({ name: 'vision', models: ['llava:7b', 'nomic-embed-text'], fixturesDir: path.join(fixtures, 'vision'), logLevel: 'silent' });
    const shared = await startFakeOllama({ name: 'shared', models: ['llama3.2', 'llava:7b', 'nomic-embed-text'], fixturesDir: path.join(fixtures, 'text'), logLevel: 'silent' });
    servers.push(text, vision, shared);
    text.setBehaviour({ mode: 'normal', delayMs: textDelayMs, tokenDelayMs });
    vision.setBehaviour({ mode: 'normal', delayMs: pageDelayMs });
    // One fake serves both roles here, so one delay applies to chats and pages alike. Its idle and
    // saturated runs are compared with each other, not with the separate servers.
    shared.setBehaviour({ mode: 'normal', delayMs: pageDelayMs, tokenDelayMs });

    console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}`);
    console.log(`${chats} chats per scenario; text ${textDelayMs} ms to first byte, page ${pageDelayMs} ms; ${ocrStreams} OCR streams\n`);

    const separate = modelsFor(text.url, vision.url);
    const idle = await measure('separate servers, vision idle', separate, {});
    const busy = await measure('separate servers, vision saturated', separate, { page });
    const oneServer = modelsFor(shared.url, shared.url);
    const sharedIdle = await measure('one shared server, idle', oneServer, {});
    const sharedBusy = await measure('one shared server, OCR running', oneServer, { page });

    console.log(`${'scenario'.padEnd(38)}${'median ms'.padStart(11)}${'p95 ms'.padStart(9)}${'pages'.padStart(7)}`);
    for (const scenario of [idle, busy, sharedIdle, sharedBusy]) {
      const row = [median(scenario).toFixed(0).padStart(11), percentile(scenario.ttftMs, 0.95).toFixed(0).padStart(9), String(scenario.pages).padStart(7)];
      console.log(`${scenario.name.padEnd(38)}${row.join('')}`);
    }
    console.log(`\nTTFT ratio with separate servers, saturated / idle (medians): ${(median(busy) / median(idle)).toFixed(2)}; 1.00 means OCR does not delay chats`);
    console.log(`TTFT ratio with one shared server, OCR running / idle (medians): ${(median(sharedBusy) / median(sharedIdle)).toFixed(2)}`);
    if (busy.pages === 0 || sharedBusy.pages === 0) console.log('NOTE: no OCR page finished during a saturated run; raise BENCH_CHATS so the load is real.');
  } finally {
    for (const server of servers) await server.close();
  }
}

await main();
