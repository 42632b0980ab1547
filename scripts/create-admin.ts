// Creates an admin account. Run: npm run admin:create -- --email you@centre.example --name "Your Name"
// The password is asked for twice without echo, or read from ADMIN_PASSWORD, or from the first line
// of standard input when that is not a terminal. With the embedded database (no DATABASE_URL), stop
// the app first: PGlite allows one process at a time, and the command fails with that message while the app runs.
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { recordAudit } from '../lib/audit';
import { createAccount } from '../lib/auth/accounts';
import { createAuth } from '../lib/auth/auth';
import { resolveAuthSecret } from '../lib/auth/secret';
import { getConfig } from '../lib/config';
import { openDatabase } from '../lib/db/client';
import { AppError } from '../lib/errors';

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void; output: NodeJS.WriteStream };
    output._writeToOutput = (text: string) => {
      if (text.includes(question)) output.output.write(text);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

/** Reads the first line of standard input, for a password piped in or given by a script. */
async function readFirstLine(): Promise<string> {
  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) {
    const piped = await readFirstLine();
    if (piped === '') throw new Error('No password on standard input and no terminal to ask for one: pipe the password in, or set ADMIN_PASSWORD.');
    return piped;
  }
  const first = await askHidden('Password (at least 12 characters): ');
  const second = await askHidden('Password again: ');
  if (first !== second) throw new Error('The two passwords differ. Run the command again.');
  return first;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' } } });
  if (!values.email || !values.name) {
    console.error('Usage: npm run admin:create -- --email you@centre.example --name "Your Name" [--role admin|advisor]');
    process.exit(2);
  }
  const role = values.role === 'advisor' ? 'advisor' : 'admin';

  // Opened before the password is asked for, so a running app is reported before any typing.
  const config = getConfig();
  const database = await openDatabase(config);
  try {
    const password = await readPassword();
    const auth = createAuth({ db: database.db, config, secret: resolveAuthSecret(config) });
    const account = await createAccount(auth, { email: values.email, name: values.name, password, role });
    await recordAudit(database.db, { actorType: 'system', actorId: null, action: 'create', targetType: 'account', targetId: account.id, details: { role: account.role, source: 'command' } });
    // APP_URL has a default in the configuration, but only an APP_URL from the environment is the app's real address.
    const signInAt = process.env.APP_URL ? `${config.APP_URL}/sign-in` : 'the address `npm start` prints';
    console.log(`Created the ${account.role} account for ${account.email}. Sign in at ${signInAt}.`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
