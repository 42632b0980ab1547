// @ts-check
// Starts a Neo4j Community server (5.26 LTS) from its Maven Central jars, on loopback, for local use
// and tests. The jars are resolved once by Maven into scripts/neo4j/target/lib (cached in ~/.m2).
//
//   node scripts/lib/neo4j.mjs [--data DIR] [--port N]
//
// prints the Bolt URL, user and password to put in NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, and
// runs until Ctrl+C. The data folder defaults to data/neo4j.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, stopProcess } from './processes.mjs';

const scriptsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pomPath = path.join(scriptsDir, 'neo4j', 'pom.xml');
const jarsDir = path.join(scriptsDir, 'neo4j', 'target', 'lib');

/** The user Neo4j creates at first start; its password must be changed before any other query runs. */
const INITIAL_USER = 'neo4j';
const INITIAL_PASSWORD = 'neo4j';

/**
 * Memory for a test or laptop server: the heap is for query state, the page cache for the store
 * files. Neo4j's defaults size both from the machine's memory, which is far too much beside the app.
 */
const HEAP = { initial: '256m', max: '512m' };
const PAGE_CACHE = '64m';

/** The JVM options Neo4j's own launcher adds on Java 17, which its Netty and native IO need. */
const JVM_OPTIONS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
];

/**
 * Resolves the server jars with Maven when they are missing. The first run downloads about 120 MB
 * and can take minutes; later runs reuse ~/.m2 and return at once.
 */
export function ensureNeo4jJars() {
  if (fs.existsSync(jarsDir) && fs.readdirSync(jarsDir).some((name) => /^neo4j-5\.26\.\d+\.jar$/.test(name))) return jarsDir;
  const maven = spawnSync('mvn', ['-B', '-q', '-f', pomPath, 'dependency:copy-dependencies'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (maven.error) throw new Error(`Maven could not be run to fetch the Neo4j jars (${maven.error.message}). Install Maven (Debian: apt-get install maven) and Java 17.`);
  if (maven.status !== 0) throw new Error(`Maven failed to fetch the Neo4j jars from ${pomPath}: ${(maven.stdout + maven.stderr).trim().split('\n').slice(-5).join(' | ')}`);
  return jarsDir;
}

/**
 * Writes the server's configuration: Bolt on a loopback port, HTTP off, small memory, and the
 * folders inside `home`.
 * @param {string} home
 * @param {number} boltPort
 */
function writeConfig(home, boltPort) {
  for (const folder of ['conf', 'data', 'logs', 'run', 'plugins', 'import']) fs.mkdirSync(path.join(home, folder), { recursive: true });
  const settings = [
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    'server.bolt.enabled=true',
    `server.bolt.listen_address=127.0.0.1:${boltPort}`,
    'server.bolt.tls_level=DISABLED',
    'server.http.enabled=false',
    'server.https.enabled=false',
    `server.memory.pagecache.size=${PAGE_CACHE}`,
    'dbms.security.auth_enabled=true',
    // The server sends usage reports to Neo4j unless this is off, and nothing may leave this machine.
    'dbms.usage_report.enabled=false',
    // Only the newest transaction log file is kept: nothing replays a local server's history.
    'db.tx_log.rotation.retention_policy=1 files',
  ];
  fs.writeFileSync(path.join(home, 'conf', 'neo4j.conf'), `${settings.join('\n')}\n`);
}

/**
 * Connects with the first-start credentials and sets a generated password, retrying until Bolt
 * responds. A data folder that already has a password (a restarted local server) keeps its own,
 * read from `password` in the folder.
 * @param {string} url
 * @param {string} passwordFile
 * @param {{ child: import('node:child_process').ChildProcess, timeoutMs: number, logPath: string }} options
 */
async function waitAndSetPassword(url, passwordFile, options) {
  const { default: neo4j } = await import('neo4j-driver');
  const deadline = Date.now() + options.timeoutMs;
  let exited = false;
  options.child.once('exit', () => (exited = true));
  const known = fs.existsSync(passwordFile) ? fs.readFileSync(passwordFile, 'utf8').trim() : undefined;
  let lastError = '';

  while (Date.now() < deadline) {
    if (exited) throw new Error(`Neo4j exited before Bolt responded at ${url}; see ${options.logPath}`);
    const password = known ?? INITIAL_PASSWORD;
    const driver = neo4j.driver(url, neo4j.auth.basic(INITIAL_USER, password), { connectionTimeout: 2_000, maxConnectionPoolSize: 1 });
    try {
      if (known) {
        await driver.verifyConnectivity();
        return known;
      }
      const generated = crypto.randomBytes(18).toString('base64url');
      const session = driver.session({ database: 'system' });
      try {
        await session.run('ALTER CURRENT USER SET PASSWORD FROM $old TO $new', { old: INITIAL_PASSWORD, new: generated });
      } finally {
        await session.close();
      }
      fs.writeFileSync(passwordFile, `${generated}\n`, { mode: 0o600 });
      return generated;
    } catch (error) {
      lastError = /** @type {Error} */ (error).message;
    } finally {
      await driver.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Neo4j did not respond on Bolt at ${url} within ${Math.round(options.timeoutMs / 1000)} s (last error: ${lastError}); see ${options.logPath}`);
}

/**
 * Starts a Neo4j Community server with its files in `dataDir`, Bolt on a free loopback port (or
 * `port`), HTTP off, a 256–512 MB heap and a 64 MB page cache, and a generated password.
 * @param {{ dataDir: string, port?: number, timeoutMs?: number, log?: 'inherit' | 'file' }} options
 * @returns {Promise<{ url: string, user: string, password: string, stop: () => Promise<void> }>}
 */
export async function startNeo4j(options) {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) throw new Error('Java was not found: Neo4j 5.26 needs Java 17 (Debian: apt-get install openjdk-17-jre-headless).');
  const lib = ensureNeo4jJars();

  const home = path.resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  writeConfig(home, port);
  const logPath = path.join(home, 'logs', 'console.log');
  const logFd = fs.openSync(logPath, 'a');

  const child = spawn(
    'java',
    [`-Xms${HEAP.initial}`, `-Xmx${HEAP.max}`, ...JVM_OPTIONS, '-cp', `${lib}/*`, 'org.neo4j.server.CommunityEntryPoint', `--home-dir=${home}`, `--config-dir=${path.join(home, 'conf')}`],
    { stdio: options.log === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', logFd, logFd], env: { ...process.env, NEO4J_HOME: home } },
  );
  fs.closeSync(logFd);

  const url = `bolt://127.0.0.1:${port}`;
  try {
    const password = await waitAndSetPassword(url, path.join(home, 'password'), { child, timeoutMs: options.timeoutMs ?? 180_000, logPath });
    return { url, user: INITIAL_USER, password, stop: () => stopProcess(child, 20_000) };
  } catch (error) {
    await stopProcess(child, 5_000);
    throw error;
  }
}

const runAsScript = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (runAsScript) {
  const { values } = parseArgs({ options: { data: { type: 'string', default: path.resolve('data', 'neo4j') }, port: { type: 'string' } } });
  console.log(`Starting Neo4j with its files in ${values.data} (the first start fetches the jars with Maven and can take minutes) ...`);
  const server = await startNeo4j({ dataDir: values.data, port: values.port ? Number(values.port) : undefined });
  console.log(`Neo4j is running. Point the app at it with:\n  NEO4J_URI=${server.url}\n  NEO4J_USER=${server.user}\n  NEO4J_PASSWORD=${server.password}\nCtrl+C stops it.`);
  const shutdown = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
