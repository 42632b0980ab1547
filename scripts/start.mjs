// @ts-check
// The quick start: installs dependencies, builds the app if needed, starts the embedded Chroma
// server (port 8000, or CHROMA_PORT) unless CHROMA_URL points elsewhere, then serves the app on
// http://127.0.0.1:3000 (HOST and PORT change it).
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
  const chromaPort = Number(process.env.CHROMA_PORT ?? 8000);
  const url = `http://127.0.0.1:${chromaPort}`;
  if (await answers(`${url}/api/v2/heartbeat`)) {
    console.log(`Using the Chroma server already running at ${url}.`);
  } else {
    console.log(`Starting Chroma with its data in ${path.join(dataDir, 'chroma')} ...`);
    chroma = await startChroma({ dataDir: path.join(dataDir, 'chroma'), port: chromaPort });
    console.log(`Chroma is running at ${chroma.url}.`);
  }
  process.env.CHROMA_URL = url;
}

const host = process.env.HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '3000';
// Sign-in accepts requests only from APP_URL's origin, so without one it follows the port served here.
process.env.APP_URL ??= `http://localhost:${port}`;
// Next's own script runs in this child process, not under npx, so stopping the child stops the server.
const nextBin = path.resolve('node_modules', 'next', 'dist', 'bin', 'next');
const app = spawn(process.execPath, [nextBin, 'start', '-H', host, '-p', port], { stdio: 'inherit', env: process.env });
console.log(`RMA Advisor is starting: open ${process.env.APP_URL} (Ctrl+C stops it).`);

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
