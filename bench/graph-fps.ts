// Measures the frame rate of /graph drawing 5,000 nodes in headless Chromium. Two references are
// measured in the same browser in the same run. One is a plain force-graph page that draws the same
// graph with the library's defaults and none of the app's UI. The other is an empty canvas page that
// only runs the requestAnimationFrame loop, the most frames the browser gives any page.
//
//   npx next build && npx tsx bench/graph-fps.ts
//
// It starts the production build on a free loopback port with a throwaway data folder and an admin
// account, signs in, and fulfils the page's GET /api/graph requests in the browser with a generated
// graph, so the page, its bundle and its drawing code are the real ones and only the data is
// synthetic. Each subject is measured in two phases: while the layout runs (from loading the graph
// until the simulation stops, or BENCH_LAYOUT_MAX_MS), and after it has stopped while the view is
// zoomed in and out on every frame, which makes each frame a full redraw. BENCH_REPEATS sets the runs
// per subject (default 3); the median is reported. BENCH_NODES sets the graph size (default 5,000).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { plural } from '../lib/client/format';
import type { GraphLink, GraphNode, GraphProperties, GraphResult } from '../lib/graph/types';
import { freePort, stopProcess, waitForUrl } from '../scripts/lib/processes.mjs';

const NODES = Number(process.env.BENCH_NODES ?? 5_000);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
/** Maximum length of one layout phase. The app stops its simulation within 8 s, and the library by default within 15 s. */
const LAYOUT_MAX_MS = Number(process.env.BENCH_LAYOUT_MAX_MS ?? 20_000);
const ZOOM_MS = 4_000;
const VIEWPORT = { width: 1440, height: 900 };
const CANVAS_HEIGHT = 560;
const root = path.resolve(import.meta.dirname, '..');
const admin = { email: 'bench@centre.test', name: 'Bench Admin', password: 'bench-admin-password-1' };
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** One creditor for every 50 nodes, shared by the clients at random, so popular creditors become hubs. */
const NODES_PER_CREDITOR = 50;

/**
 * Generates a graph of all clients as GET /api/graph returns it: nodes with their degree, the most
 * connected first, cut at `limit`. Each client has 40 nodes (the client, 10 documents, 20 debts, 8
 * deadlines and a court claim), as in bench/graph-api.ts. Seeded random numbers give every run the same graph.
 */
function generateGraph(total: number, limit: number): GraphResult {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const id = (prefix: string, index: number) => `${prefix}-${index.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
  const creditorCount = Math.max(1, Math.round(total / NODES_PER_CREDITOR));
  const nodes: GraphNode[] = [];
  const links: GraphLink[] = [];
  const usedCreditors = new Set<number>();
  let counter = 0;

  for (let clientIndex = 0; nodes.length + creditorCount < total; clientIndex++) {
    const clientId = id('c', clientIndex);
    const client = `client:${clientId}`;
    nodes.push({ id: client, type: 'Client', label: `Bench client ${clientIndex}`, clientId, properties: { clientId } });
    const documents = Array.from({ length: 10 }, () => id('d', counter++));
    for (const documentId of documents) {
      nodes.push({ id: `document:${documentId}`, type: 'Document', label: `letter-${documentId.slice(2, 10)}.pdf`, clientId, properties: { documentId } });
      links.push({ source: client, target: `document:${documentId}`, type: 'HAS_DOCUMENT' });
    }
    for (let debtIndex = 0; debtIndex < 20; debtIndex++) {
      const debt = `debt:${id('b', counter++)}`;
      const amount = Math.round(random() * 500_000) / 100;
      const roll = random();
      let priority: boolean | null = null;
      if (roll < 0.3) priority = true;
      else if (roll < 0.9) priority = false;
      const creditorIndex = Math.floor(random() ** 2 * creditorCount);
      usedCreditors.add(creditorIndex);
      const weight: GraphProperties = priority === null ? { amount } : { amount, priority };
      nodes.push({ id: debt, type: 'Debt', label: `£${amount.toFixed(2)}`, clientId, properties: { ...weight, documentId: documents[debtIndex % 10], pageNumber: 1, mentionCount: 2 } });
      links.push({ source: client, target: debt, type: 'OWES', properties: weight });
      links.push({ source: debt, target: `creditor:bench creditor ${creditorIndex}`, type: 'OWED_TO', properties: weight });
      for (const documentId of [documents[debtIndex % 10], documents[(debtIndex + 3) % 10]]) {
        links.push({ source: debt, target: `document:${documentId}`, type: 'MENTIONED_IN', properties: { pageNumber: 1, pages: [1] } });
      }
      if (debtIndex < 8) {
        const date = `2026-${String(1 + (debtIndex % 12)).padStart(2, '0')}-15`;
        nodes.push({ id: `deadline:${debt}:${date}`, type: 'Deadline', label: date, clientId, properties: { date, what: 'Reply to the creditor' } });
        links.push({ source: debt, target: `deadline:${debt}:${date}`, type: 'HAS_DEADLINE' });
      }
      if (debtIndex === 0) {
        const claim = `K${clientIndex.toString(36).toUpperCase().padStart(7, '0')}`;
        nodes.push({ id: `claim:${clientId}:${claim}`, type: 'CourtClaim', label: claim, clientId, properties: { claimNumber: claim } });
        links.push({ source: debt, target: `claim:${clientId}:${claim}`, type: 'CLAIMED_IN' });
      }
    }
  }
  for (const index of usedCreditors) {
    const name = `bench creditor ${index}`;
    nodes.push({ id: `creditor:${name}`, type: 'Creditor', label: `Bench Creditor ${index} Ltd`, clientId: null, properties: { key: name, name: `Bench Creditor ${index} Ltd`, aliases: [] } });
  }

  const degree = new Map<string, number>();
  for (const link of links) for (const end of [link.source, link.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
  const ranked = nodes.map((node) => ({ ...node, degree: degree.get(node.id) ?? 0 })).sort((a, b) => b.degree - a.degree);
  const kept = ranked.slice(0, limit);
  const ids = new Set(kept.map((node) => node.id));
  return { nodes: kept, links: links.filter((link) => ids.has(link.source) && ids.has(link.target)), truncated: ranked.length > kept.length, total: ranked.length };
}

type PhaseResult = { fps: number; frames: number; durationMs: number; longestFrameMs: number };
/** `loadMs`: from asking for the graph until its layout stopped; `layout`: the frames drawn in between, after the first frame of the whole graph. */
type RunResult = { loadMs: number; layout: PhaseResult; zoom: PhaseResult };

/** Starts recording animation frames in the page; `window.__benchFrames` collects their timestamps. */
async function startRecording(page: Page) {
  await page.evaluate(() => {
    const state = window as unknown as { __benchFrames: number[]; __benchRecording: boolean };
    state.__benchFrames = [];
    state.__benchRecording = true;
    const record = (time: number) => {
      if (!state.__benchRecording) return;
      state.__benchFrames.push(time);
      requestAnimationFrame(record);
    };
    requestAnimationFrame(record);
  });
}

/** Stops recording and summarises the frames: rate over the whole phase and the longest gap between two frames. */
async function stopRecording(page: Page): Promise<PhaseResult> {
  const frames = await page.evaluate(() => {
    const state = window as unknown as { __benchFrames: number[]; __benchRecording: boolean };
    state.__benchRecording = false;
    return state.__benchFrames;
  });
  return summarise(frames);
}

function summarise(frames: number[]): PhaseResult {
  const durationMs = frames.length > 1 ? frames.at(-1)! - frames[0] : 0;
  let longestFrameMs = 0;
  for (let index = 1; index < frames.length; index++) longestFrameMs = Math.max(longestFrameMs, frames[index] - frames[index - 1]);
  return { fps: durationMs > 0 ? ((frames.length - 1) * 1000) / durationMs : 0, frames: frames.length, durationMs, longestFrameMs };
}

/**
 * Zooms the canvas in and out on every frame for ZOOM_MS with wheel events, which d3-zoom handles
 * as a user's wheel, and returns the frame timestamps. Each step changes the zoom, so every frame
 * redraws the whole graph.
 */
async function zoomEveryFrame(page: Page, canvasSelector: string): Promise<PhaseResult> {
  const frames = await page.evaluate(
    ({ selector, durationMs }) =>
      new Promise<number[]>((resolve) => {
        const canvas = document.querySelector<HTMLCanvasElement>(selector)!;
        const box = canvas.getBoundingClientRect();
        const times: number[] = [];
        let step = 0;
        const frame = (time: number) => {
          times.push(time);
          if (times.length > 1 && time - times[0] >= durationMs) return resolve(times);
          const zoomIn = Math.floor(step / 30) % 2 === 0;
          canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: zoomIn ? -40 : 40, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true, cancelable: true }));
          step += 1;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { selector: canvasSelector, durationMs: ZOOM_MS },
  );
  return summarise(frames);
}

async function waitForSettled(page: Page, isSettled: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + LAYOUT_MAX_MS;
  while (Date.now() < deadline && !(await isSettled())) await page.waitForTimeout(100);
}

/**
 * Runs /graph once: loads the default view, then raises the node cap to draw the whole graph, and
 * records frames from the first one that contains every node until the layout stops.
 */
async function measureApp(page: Page, appUrl: string): Promise<RunResult> {
  await page.goto(`${appUrl}/graph`);
  const canvas = page.getByTestId('graph-canvas');
  await canvas.locator('canvas').first().waitFor();

  const started = Date.now();
  await page.getByTestId('graph-node-cap').selectOption(String(NODES));
  await page.locator(`[data-testid="graph-canvas"][data-node-count="${NODES}"]`).waitFor({ timeout: 60_000 });
  await startRecording(page);
  await waitForSettled(page, async () => (await canvas.getAttribute('data-layout')) === 'settled');
  const layout = await stopRecording(page);
  const loadMs = Date.now() - started;

  const zoom = await zoomEveryFrame(page, '[data-testid="graph-canvas"] canvas');
  return { loadMs, layout, zoom };
}

/** Builds a page with the force-graph library alone, which draws the same graph with the library's defaults. */
function plainForceGraphPage(width: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0}</style></head><body>
<div id="graph"></div>
<script src="/__bench/force-graph.min.js"></script>
<script>
  window.__benchSettled = false;
  window.__benchDraw = (data) => {
    window.__benchGraph = new ForceGraph(document.getElementById('graph'))
      .width(${width}).height(${CANVAS_HEIGHT}).backgroundColor('#ffffff')
      .nodeId('id').nodeLabel('label')
      .onEngineStop(() => { window.__benchSettled = true; })
      .graphData(data);
  };
</script></body></html>`;
}

async function measurePlainForceGraph(page: Page, appUrl: string, graph: GraphResult): Promise<RunResult> {
  await page.goto(`${appUrl}/__bench/plain`);
  const started = Date.now();
  // The page receives its own copy: the library mutates the objects it draws.
  await page.evaluate((data) => (window as unknown as { __benchDraw: (data: unknown) => void }).__benchDraw(data), { nodes: graph.nodes, links: graph.links });
  await startRecording(page);
  await waitForSettled(page, () => page.evaluate(() => (window as unknown as { __benchSettled: boolean }).__benchSettled));
  const layout = await stopRecording(page);
  const loadMs = Date.now() - started;
  const zoom = await zoomEveryFrame(page, '#graph canvas');
  return { loadMs, layout, zoom };
}

async function measureEmptyCanvas(page: Page, appUrl: string): Promise<PhaseResult> {
  await page.goto(`${appUrl}/__bench/empty`);
  await startRecording(page);
  await page.waitForTimeout(ZOOM_MS);
  return stopRecording(page);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function medianPhase(results: PhaseResult[]): PhaseResult {
  return { fps: median(results.map((result) => result.fps)), frames: median(results.map((result) => result.frames)), durationMs: median(results.map((result) => result.durationMs)), longestFrameMs: median(results.map((result) => result.longestFrameMs)) };
}

async function startApp(port: number, dataDir: string): Promise<ChildProcess> {
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const unused = await freePort();
  const child = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      APP_URL: `http://127.0.0.1:${port}`,
      ADMIN_EMAIL: admin.email,
      ADMIN_NAME: admin.name,
      ADMIN_PASSWORD: admin.password,
      // No model or Chroma server runs for this benchmark; the graph screen needs neither.
      CHROMA_URL: `http://127.0.0.1:${unused}`,
      OLLAMA_TEXT_URL: `http://127.0.0.1:${unused}`,
      OLLAMA_VISION_URL: `http://127.0.0.1:${unused}`,
      OLLAMA_EMBED_URL: `http://127.0.0.1:${unused}`,
      LOG_LEVEL: 'warn',
    },
  });
  await waitForUrl(`http://127.0.0.1:${port}/sign-in`, { child, name: 'the app', timeoutMs: 120_000 });
  return child;
}

async function signIn(page: Page, appUrl: string) {
  await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/clients$/);
}

/** Fulfils the page's graph requests with the generated graph, and serves the two reference pages. */
async function routeBenchRequests(page: Page, canvasWidth: () => number) {
  // The same force-graph build react-force-graph-2d uses; the package exports no path to its browser bundle, so it is found beside the main file.
  const forceGraphScript = fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('force-graph')), 'force-graph.min.js'));
  await page.route(/\/api\/graph\?/, (route) => {
    const limit = Number(new URL(route.request().url()).searchParams.get('limit') ?? 500);
    return route.fulfill({ json: generateGraph(NODES, limit) });
  });
  await page.route('**/__bench/force-graph.min.js', (route) => route.fulfill({ body: forceGraphScript, contentType: 'text/javascript' }));
  await page.route('**/__bench/plain', (route) => route.fulfill({ body: plainForceGraphPage(canvasWidth()), contentType: 'text/html' }));
  await page.route('**/__bench/empty', (route) =>
    route.fulfill({
      body: `<!doctype html><html><body style="margin:0"><canvas width="${canvasWidth()}" height="${CANVAS_HEIGHT}"></canvas></body></html>`,
      contentType: 'text/html',
    }),
  );
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1).padStart(13)} s`;
}

function formatPhase(phase: PhaseResult): string {
  return `${phase.fps.toFixed(1).padStart(5)} fps, longest frame ${Math.round(phase.longestFrameMs).toString().padStart(5)} ms, ${(phase.durationMs / 1000).toFixed(1).padStart(4)} s`;
}

async function main() {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('No production build found: run "npx next build" first.');
  const graph = generateGraph(NODES, NODES);
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rma-bench-fps-'));
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;

  try {
    server = await startApp(port, dataDir);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
    const page = await browser.newPage({ viewport: VIEWPORT });
    // tsx compiles this file with esbuild's keepNames, which wraps the functions passed to
    // page.evaluate in calls to a `__name` helper. That helper exists only in Node, so the page gets a stand-in.
    await page.addInitScript({ content: 'window.__name = (target) => target;' });
    let width = 1_000;
    await routeBenchRequests(page, () => width);
    await signIn(page, appUrl);

    const appRuns: RunResult[] = [];
    const plainRuns: RunResult[] = [];
    const emptyRuns: PhaseResult[] = [];
    for (let run = 0; run < repeats; run++) {
      appRuns.push(await measureApp(page, appUrl));
      width = Math.round((await page.getByTestId('graph-canvas').boundingBox())?.width ?? width);
      plainRuns.push(await measurePlainForceGraph(page, appUrl, graph));
      emptyRuns.push(await measureEmptyCanvas(page, appUrl));
      console.log(`run ${run + 1} of ${repeats} done`);
    }

    const summary = (runs: RunResult[]) => ({ loadMs: median(runs.map((run) => run.loadMs)), layout: medianPhase(runs.map((run) => run.layout)), zoom: medianPhase(runs.map((run) => run.zoom)) });
    const app = summary(appRuns);
    const plain = summary(plainRuns);
    const empty = medianPhase(emptyRuns);
    const cpus = os.cpus();
    console.log(`\n/graph frame rate: ${graph.nodes.length.toLocaleString('en-GB')} nodes, ${graph.links.length.toLocaleString('en-GB')} links, canvas ${width}×${CANVAS_HEIGHT}, median of ${plural(repeats, 'run')}`);
    console.log(`Chromium ${browser.version()} headless, software rendering; ${cpus.length} × ${cpus[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
    console.log('                     load to settled   while the layout runs                         settled, zooming every frame');
    console.log(`/graph (the app)     ${formatSeconds(app.loadMs)}   ${formatPhase(app.layout)}    ${formatPhase(app.zoom)}`);
    console.log(`plain force-graph    ${formatSeconds(plain.loadMs)}   ${formatPhase(plain.layout)}    ${formatPhase(plain.zoom)}`);
    console.log(`empty canvas, rAF    ${' '.repeat(66)}${formatPhase(empty)}`);
    console.log(`\nratio app / plain force-graph: layout ${(app.layout.fps / plain.layout.fps).toFixed(2)}, zooming ${(app.zoom.fps / plain.zoom.fps).toFixed(2)}`);
    console.log(`ratio app / empty canvas: zooming ${(app.zoom.fps / empty.fps).toFixed(2)}`);
  } finally {
    await browser?.close();
    await stopProcess(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
