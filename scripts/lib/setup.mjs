// @ts-check
// Steps shared by the start and test commands: install dependencies and build when needed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Runs a command, streaming its output; exits this process with the command's code when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
export function run(command, args, env = process.env) {
  console.log(`\n> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`"${command} ${args.join(' ')}" failed with exit code ${result.status ?? result.signal}.`);
    process.exit(result.status ?? 1);
  }
}

/** @param {string[]} paths */
function newestMtime(paths) {
  let newest = 0;
  /** @param {string} entry */
  const visit = (entry) => {
    if (!fs.existsSync(entry)) return;
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry)) {
        if (child !== 'node_modules' && !child.startsWith('.')) visit(path.join(entry, child));
      }
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

/**
 * Installs the locked dependencies when node_modules is missing or older than package-lock.json.
 * `npm install` rather than `npm ci`: node-llama-cpp lists optional binaries for every platform, and a
 * registry that lacks some of them (such as a mirror carrying Linux packages only) leaves them out of
 * the lock file, which `npm ci` then rejects as out of sync. `npm install` keeps the locked versions.
 */
export function ensureDependencies() {
  const marker = 'node_modules/.package-lock.json';
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync('package-lock.json').mtimeMs) return;
  run('npm', ['install', '--no-audit', '--no-fund']);
}

/** Builds the production app when there is no build or the sources changed since the last one. */
export function ensureBuild() {
  const buildId = '.next/BUILD_ID';
  const sources = ['app', 'components', 'lib', 'instrumentation.ts', 'next.config.ts', 'package-lock.json', 'postcss.config.mjs'];
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestMtime(sources)) return;
  run('npx', ['next', 'build']);
}

/** Loads a .env file into process.env, without overriding variables already set. */
export function loadDotEnv() {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
}
