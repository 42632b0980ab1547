/**
 * Starts one fake Ollama server until SIGTERM or SIGINT, e.g.
 *   npx tsx e2e/fake-ollama/cli.ts --port 11534 --models llama3.2,llama2:7b --fixtures e2e/fixtures/text --name text
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino, { type LevelWithSilent } from 'pino';
import { startFakeOllama, type FakeOllama } from './server';

const usage = `Usage: tsx e2e/fake-ollama/cli.ts [options]
  --port N          port to listen on; 0 picks a free one (default 11434)
  --host ADDRESS    loopback address to listen on (default 127.0.0.1)
  --models A,B      models present at the start, comma-separated (default none)
  --fixtures DIR    folder with chat.json, the answer rules (default none)
  --name NAME       name in log lines, e.g. text or vision (default ollama)
  --pull-ms N       milliseconds a model pull takes (default 1500)
  --log-level L     pino log level (default info)`;

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '11434' },
        host: { type: 'string', default: '127.0.0.1' },
        models: { type: 'string', default: '' },
        fixtures: { type: 'string' },
        name: { type: 'string', default: 'ollama' },
        'pull-ms': { type: 'string' },
        'log-level': { type: 'string', default: 'info' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}

const values = parseCommandLine();
const log = pino({ name: `fake-ollama:${values.name}`, level: values['log-level'] });

function parseInteger(option: string, value: string, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > max) {
    console.error(`--${option} must be a whole number from 0 to ${max}, but is "${value}".\n${usage}`);
    process.exit(2);
  }
  return number;
}

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const port = parseInteger('port', values.port, 65_535);
const pullDurationMs = values['pull-ms'] === undefined ? undefined : parseInteger('pull-ms', values['pull-ms'], 600_000);

// Handlers go in before the server starts, so a signal sent right after the listening line is caught.
let fake: FakeOllama | undefined;
const stop = (signal: NodeJS.Signals) => {
  log.debug({ signal }, 'stopping');
  (fake?.close() ?? Promise.resolve()).then(
    () => process.exit(0),
    (error: unknown) => {
      log.error({ err: error }, 'failed to close the fake Ollama server');
      process.exit(1);
    },
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

try {
  fake = await startFakeOllama({
    port,
    host: values.host,
    models: values.models.split(',').map((name) => name.trim()).filter(Boolean),
    fixturesDir: values.fixtures === undefined ? undefined : path.resolve(values.fixtures),
    name: values.name,
    pullDurationMs,
    logLevel: values['log-level'] as LevelWithSilent,
  });
} catch (error) {
  log.error({ err: error, port, host: values.host }, 'failed to start the fake Ollama server');
  process.exit(1);
}
