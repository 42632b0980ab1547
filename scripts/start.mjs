// @ts-check
// The quick start: installs dependencies, builds the app if needed, starts the embedded Chroma
// server unless CHROMA_URL points elsewhere, then serves the app on http://127.0.0.1:3000.
// Run with `npm start`. Settings come from the environment or a .env file (see .env.example).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureBuild, ensureDependencies, loadDotEnv } from './lib/setup.mjs';

// Next.js would otherwise send anonymous usage telemetry; nothing about a centre's work leaves the machine.
process.env.NEXT_TELEMETRY_DISABLED = '1';
loadDotEnv();
ensureDependencies();
ensureBuild();

const { startChroma } = await import('./lib/chroma.mjs');
const { answers, stopProcess } = await import('./lib/processes.mjs');

const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
let chroma;
if (!process.env.CHROMA_URL) {
  const url = 'http://127.0.0.1:8000';
  if (await answers(`${url}/api/v2/heartbeat`)) {
    console.log(`Using the Chroma server already running at ${url}.`);
  } else {
    console.log(`Starting Chroma with its data in ${path.join(dataDir, 'chroma')} ...`);
    chroma = await startChroma({ dataDir: path.join(dataDir, 'chroma'), port: 8000 });
    console.log(`Chroma is running at ${chroma.url}.`);
  }
  process.env.CHROMA_URL = url;
}

const host = process.env.HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '3000';
const app = spawn('npx', ['next', 'start', '-H', host, '-p', port], { stdio: 'inherit', env: process.env });
console.log(`RMA Advisor is starting on http://${host}:${port} (Ctrl+C stops it).`);

const shutdown = async () => {
  await stopProcess(app);
  await chroma?.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
app.on('exit', async (code) => {
  await chroma?.stop();
  process.exit(code ?? 0);
});
