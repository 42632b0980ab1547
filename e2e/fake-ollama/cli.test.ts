import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;

function spawnCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'e2e/fake-ollama/cli.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts the CLI on a free port and returns its listening line. */
function startCli(): Promise<{ url: string; line: string }> {
  child = spawnCli(['--port', '0', '--models', 'llama3.2,llama2:7b', '--fixtures', 'e2e/fake-ollama/__fixtures__/text', '--name', 'text']);

  // Keeps reading the output to the end, so the child never writes into a closed pipe.
  let output = '';
  return new Promise((resolve, reject) => {
    child!.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const line = output.split('\n').find((candidate) => candidate.includes('fake Ollama listening'));
      if (line) resolve({ url: JSON.parse(line).url as string, line });
    });
    child!.once('exit', () => reject(new Error(`the CLI exited before listening; output: ${output}`)));
  });
}

afterEach(() => {
  if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

describe('fake Ollama CLI', () => {
  it('logs one line when listening', async () => {
    const { line } = await startCli();

    expect(JSON.parse(line).models).toEqual(['llama3.2:latest', 'llama2:7b']);
  });

  it('serves the Ollama API', async () => {
    const { url } = await startCli();
    const response = await fetch(`${url}/api/tags`);
    const { models } = (await response.json()) as { models: Array<{ name: string }> };

    expect(models.map((model) => model.name)).toEqual(['llama3.2:latest', 'llama2:7b']);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('exits cleanly on %s', async (signal) => {
    await startCli();
    const exited = once(child!, 'exit');
    child!.kill(signal);
    const [code] = await exited;

    expect(code).toBe(0);
  });

  it('rejects a non-loopback host', async () => {
    child = spawnCli(['--port', '0', '--host', '0.0.0.0']);
    const [code] = await once(child, 'exit');

    expect(code).toBe(1);
  });
});
