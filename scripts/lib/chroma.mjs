// @ts-check
// Starts the Chroma server that ships with the chromadb npm package, on loopback.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, stopProcess, waitForUrl } from './processes.mjs';

/**
 * Starts `chroma run` with its data in `dataDir` and waits for its heartbeat.
 * @param {{ dataDir: string, port?: number, log?: 'inherit' | 'ignore' }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startChroma(options) {
  const port = options.port ?? (await freePort());
  fs.mkdirSync(options.dataDir, { recursive: true });
  const cli = path.resolve('node_modules/chromadb/dist/cli.mjs');
  if (!fs.existsSync(cli)) throw new Error('The chromadb package is not installed: run "npm install" first.');
  const child = spawn(process.execPath, [cli, 'run', '--path', options.dataDir, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: options.log === 'inherit' ? ['ignore', 'inherit', 'inherit'] : 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForUrl(`${url}/api/v2/heartbeat`, { child, name: 'Chroma', timeoutMs: 60_000 });
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { url, stop: () => stopProcess(child) };
}
