import { createFirstAdminFromEnvironment } from './auth/accounts';
import { createAuth, type Auth } from './auth/auth';
import { resolveAuthSecret } from './auth/secret';
import { dataPath, getConfig, type Config } from './config';
import { openDatabase, type Database, type Db } from './db/client';
import { processDocument } from './documents/pipeline';
import { EmbeddedGraphStore } from './graph/embedded';
import { Neo4jGraphStore } from './graph/neo4j';
import type { GraphStore } from './graph/types';
import { BullQueue } from './jobs/bullmq';
import { InProcessQueue } from './jobs/queue';
import type { JobQueue } from './jobs/types';
import { ModelProviders } from './llm/models';
import { PullTracker } from './llm/status';
import { moduleLogger } from './log';
import { embedPendingChunks } from './rag/backfill';
import { FileStore } from './storage/files';
import { ChromaVectorStore } from './vectors/chroma';

const log = moduleLogger('services');

/** Every adapter the app uses, built once per process from validated configuration. */
export type Services = {
  config: Config;
  auth: Auth;
  /** Signs sessions (through better-auth) and client upload links. */
  authSecret: string;
  database: Database;
  db: Db;
  files: FileStore;
  vectors: ChromaVectorStore;
  graph: GraphStore;
  models: ModelProviders;
  pulls: PullTracker;
  /** In-process by default; BullMQ when REDIS_URL is set, with jobs run by worker processes. */
  queue: JobQueue;
  close: () => Promise<void>;
};

/** How often chunks indexed while the embedding server was down are embedded again. */
const EMBEDDING_BACKFILL_MS = 5 * 60 * 1000;

/**
 * Builds the services from a configuration and starts background work: the job queue and the
 * embedding backfill. Tests call this with their own configuration and may leave the work stopped.
 */
export async function createServices(config: Config, options: { pgliteDir?: string; startQueue?: boolean } = {}): Promise<Services> {
  const database = await openDatabase(config, { pgliteDir: options.pgliteDir });
  const db = database.db;
  const authSecret = resolveAuthSecret(config);
  const auth = createAuth({ db, config, secret: authSecret });
  await createFirstAdminFromEnvironment(auth, db, { email: config.ADMIN_EMAIL, name: config.ADMIN_NAME, password: config.ADMIN_PASSWORD });
  const files = new FileStore(dataPath(config, 'files'));
  const vectors = new ChromaVectorStore(config.CHROMA_URL);
  const graph: GraphStore = config.NEO4J_URI
    ? new Neo4jGraphStore({ uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD })
    : new EmbeddedGraphStore(db);
  const models = new ModelProviders(config);
  const pulls = new PullTracker(models.ollama);
  const deps = { config, db, files, vectors, graph, models };
  const queue: JobQueue = config.REDIS_URL
    ? new BullQueue(config.REDIS_URL, db, authSecret)
    : new InProcessQueue(db, (job, context) => processDocument(deps, job.documentId, context), config.DOCUMENT_CONCURRENCY);
  let backfill: NodeJS.Timeout | undefined;
  const close = async () => {
    clearInterval(backfill);
    await queue.stop();
    await graph.close();
    await database.close();
    await models.close();
  };
  const services: Services = { config, auth, authSecret, database, db, files, vectors, graph, models, pulls, queue, close };

  if (options.startQueue !== false) {
    await queue.start();
    const sweep = () => embedPendingChunks(services).catch((error) => log.error({ err: error }, 'embedding backfill failed'));
    backfill = setInterval(sweep, EMBEDDING_BACKFILL_MS);
    backfill.unref();
  }
  log.info({ database: database.kind, graph: graph.kind }, 'services ready');
  return services;
}

// Next.js may load this module in several bundles of one process; the services live on globalThis
// so that every route handler shares one database connection and one job queue.
const globalKey = Symbol.for('rma-advisor.services');
type GlobalWithServices = typeof globalThis & { [globalKey]?: Promise<Services> };

/** Returns the process's services, creating them on first use. */
export function getServices(): Promise<Services> {
  const store = globalThis as GlobalWithServices;
  store[globalKey] ??= createServices(getConfig()).catch((error) => {
    delete store[globalKey];
    throw error;
  });
  return store[globalKey];
}
