// @ts-check
// Stands in for the `ollama` command in the entrypoint tests, with the subcommands the entrypoint
// scripts use. `serve` runs the fake Ollama server (e2e/fake-ollama) on OLLAMA_HOST's port with the
// models in FAKE_OLLAMA_MODELS. `list` and `pull` call it over Ollama's HTTP API and print what the
// real command prints, closely enough for the scripts: a header line, then one model per line.
import { spawn } from 'node:child_process';
import path from 'node:path';

const [command, ...args] = process.argv.slice(2);
const address = process.env.OLLAMA_HOST ?? '127.0.0.1:11434';
const port = address.split(':').pop();
const base = `http://127.0.0.1:${port}`;
const repositoryRoot = path.resolve(import.meta.dirname, '../..');

if (command === 'serve') {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'e2e/fake-ollama/cli.ts', '--port', String(port), '--models', process.env.FAKE_OLLAMA_MODELS ?? '', '--pull-ms', '300', '--log-level', 'warn'],
    { cwd: repositoryRoot, stdio: 'inherit' },
  );
  for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} else if (command === 'list') {
  const response = await fetch(`${base}/api/tags`).catch(() => undefined);
  if (!response?.ok) {
    console.error(`Error: could not connect to ollama app at ${base}`);
    process.exit(1);
  }
  const { models } = /** @type {{ models: { name: string }[] }} */ (await response.json());
  console.log('NAME\tID\tSIZE\tMODIFIED');
  for (const model of models) console.log(`${model.name}\t0123456789ab\t1.0 GB\tnow`);
} else if (command === 'pull') {
  const response = await fetch(`${base}/api/pull`, { method: 'POST', body: JSON.stringify({ model: args[0], stream: false }) }).catch(() => undefined);
  if (!response?.ok) {
    console.error(`Error: pull of ${args[0]} failed`);
    process.exit(1);
  }
  console.log('success');
} else {
  console.error(`The test stand-in for ollama does not support "${command}".`);
  process.exit(2);
}
