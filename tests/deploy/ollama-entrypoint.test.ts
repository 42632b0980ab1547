import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { freePort } from '@/scripts/lib/processes.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const scripts = ['docker/ollama-entrypoint.sh', 'docker/ollama-healthcheck.sh', 'tests/fixtures/print-letters.sh'];
const inCi = process.env.CI === 'true';
const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

describe.skipIf(!hasShellcheck && !inCi)('shell scripts', () => {
  test.each(scripts)('%s passes shellcheck', (script) => {
    const result = spawnSync('shellcheck', ['--severity=style', path.join(root, script)], { encoding: 'utf8' });
    expect(result.error, 'shellcheck is required under CI=true: apt-get install shellcheck').toBeUndefined();
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

/**
 * Runs the real entrypoint and health check with a stand-in `ollama` command on PATH that serves
 * the fake Ollama server, so the pull logic and the ready marker are exercised without Ollama.
 */
describe('Ollama entrypoint', () => {
  let entrypoint: ChildProcess | undefined;
  let workDir: string;

  // The entrypoint runs in its own process group, so the server it started in the background (the
  // stand-in and its fake Ollama) ends with it even when a test stops it early.
  afterEach(async () => {
    if (entrypoint?.pid) {
      const exited = entrypoint.exitCode === null && entrypoint.signalCode === null ? new Promise((resolve) => entrypoint!.once('exit', resolve)) : undefined;
      try {
        process.kill(-entrypoint.pid, 'SIGKILL');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
      await exited;
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function startEntrypoint(options: { present: string[]; wanted: string[] }) {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rma-ollama-entrypoint-'));
    const bin = path.join(workDir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'ollama'), `#!/usr/bin/env bash\nexec "${process.execPath}" "${path.join(root, 'tests/deploy/ollama-cli-shim.mjs')}" "$@"\n`, { mode: 0o755 });

    const port = await freePort();
    const env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      OLLAMA_HOST: `0.0.0.0:${port}`,
      OLLAMA_PULL_MODELS: options.wanted.join(' '),
      OLLAMA_READY_FILE: path.join(workDir, 'ready'),
      FAKE_OLLAMA_MODELS: options.present.join(','),
    };
    const child = spawn('bash', [path.join(root, 'docker/ollama-entrypoint.sh')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    entrypoint = child;
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const healthcheck = () => spawnSync('bash', [path.join(root, 'docker/ollama-healthcheck.sh')], { env, encoding: 'utf8' }).status;
    return { child, port, env, readyFile: env.OLLAMA_READY_FILE, output: () => output, healthcheck };
  }

  async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  test('pulls only missing models, then turns healthy', async () => {
    const run = await startEntrypoint({ present: ['llama3.2'], wanted: ['llama3.2', 'llava:7b', 'nomic-embed-text'] });
    expect(run.healthcheck()).not.toBe(0);

    await waitFor(() => fs.existsSync(run.readyFile), `the ready marker; output so far:\n${run.output()}`);
    const requests = (await (await fetch(`http://127.0.0.1:${run.port}/__fake/requests`)).json()) as { path: string; model?: string }[];
    const pulls = requests.filter((request) => request.path === '/api/pull').map((request) => request.model);
    expect(pulls).toEqual(['llava:7b', 'nomic-embed-text']);
    expect(run.output()).toContain('model llama3.2 is present');
    expect(run.output()).toContain('pulled llava:7b');
    expect(run.output()).toContain('ready: every model is present');
    expect(run.healthcheck()).toBe(0);
  });

  test('a second start pulls nothing', async () => {
    const run = await startEntrypoint({ present: ['llava:7b', 'nomic-embed-text'], wanted: ['llava:7b', 'nomic-embed-text'] });
    await waitFor(() => fs.existsSync(run.readyFile), 'the ready marker');
    const requests = (await (await fetch(`http://127.0.0.1:${run.port}/__fake/requests`)).json()) as { path: string }[];
    expect(requests.filter((request) => request.path === '/api/pull')).toEqual([]);
  });

  test('stops the server on SIGTERM', async () => {
    const run = await startEntrypoint({ present: ['llama3.2'], wanted: ['llama3.2'] });
    await waitFor(() => fs.existsSync(run.readyFile), 'the ready marker');
    const exited = new Promise<number | null>((resolve) => run.child.once('exit', (code) => resolve(code)));
    run.child.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(run.output()).toContain('stopping ollama serve');
    await expect(fetch(`http://127.0.0.1:${run.port}/api/tags`)).rejects.toThrow();
    expect(run.healthcheck()).not.toBe(0);
  });
});
