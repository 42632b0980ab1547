// @ts-check
// Starts the production build for the end-to-end tests with a fresh data folder, pointed at the
// fake Ollama servers and the test Chroma server that Playwright starts beside it. The app's log is
// also written to app.log in the run's folder, so tests can check what it logged.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const runDir = path.resolve(process.env.E2E_DATA_DIR ?? '.data-e2e/3100');
const dataDir = path.join(runDir, 'app');
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

const log = fs.createWriteStream(path.join(runDir, 'app.log'), { flags: 'w' });
const app = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', process.env.E2E_APP_PORT ?? '3100'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production' },
});
for (const stream of [app.stdout, app.stderr]) {
  stream.on('data', (chunk) => {
    process.stdout.write(chunk);
    log.write(chunk);
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code) => process.exit(code ?? 0));
