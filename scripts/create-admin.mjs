// @ts-check
// Runs scripts/create-admin.ts after the steps a fresh clone needs: settings from .env and the
// locked dependencies. Run: npm run admin:create -- --email you@centre.example --name "Your Name"
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureDependencies, loadDotEnv } from './lib/setup.mjs';

loadDotEnv();
ensureDependencies();
// The address `npm start` prints, when APP_URL or PORT is set here or in .env. Without either, the
// port given to `npm start` is unknown, so create-admin.ts names no address.
if (!process.env.APP_URL && process.env.PORT) process.env.APP_URL = `http://localhost:${process.env.PORT}`;
// Only warnings from the app's logger between the prompts.
process.env.LOG_LEVEL ??= 'warn';

const tsx = path.resolve('node_modules', 'tsx', 'dist', 'cli.mjs');
const result = spawnSync(process.execPath, [tsx, 'scripts/create-admin.ts', ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
