import { dataPath, getConfig, type Config } from './config';
import { openDatabase, type Database, type Db } from './db/client';
import { processDocument } from './documents/pipeline';
import { EmbeddedGraphStore } from './graph/embedded';
import type { GraphStore } from './graph/types';
import { InProcessQueue } from './jobs/queue';
import { OllamaModels } from './llm/ollama';
import { PullTracker } from './llm/status';
import { moduleLogger } from './log';
import { FileStore } from './storage/files';
import { ChromaVectorStore } from './vectors/chroma';

const log = moduleLogger('services');

/** Every adapter the app uses, built once per process from validated configuration. */
export type Services = {
  config: Config;
  database: Database;
  db: Db;
  files: FileStore;
  vectors: ChromaVectorStore;
  graph: GraphStore;
  models: OllamaModels;
  pulls: PullTracker;
  queue: InProcessQueue;
  close: () => Promise<void>;
};

/** Builds the services from a configuration and starts the job queue. Tests call this with their own configuration. */
export async function createServices(config: Config, options: { pgliteDir?: string; startQueue?: boolean } = {}): Promise<Services> {
  const database = await openDatabase(config, { pgliteDir: options.pgliteDir });
  const db = database.db;
  const files = new FileStore(dataPath(config, 'files'));
  const vectors = new ChromaVectorStore(config.CHROMA_URL);
  const graph: GraphStore = new EmbeddedGraphStore(db);
  const models = new OllamaModels(config);
  const pulls = new PullTracker(models);
  const deps = { config, db, files, vectors, graph, models };
  const queue = new InProcessQueue(db, (job, context) => processDocument(deps, job.documentId, context), config.DOCUMENT_CONCURRENCY);
  if (options.startQueue !== false) await queue.start();

  const close = async () => {
    await queue.stop();
    await graph.close();
    await database.close();
  };
  log.info({ database: database.kind, graph: graph.kind }, 'services ready');
  return { config, database, db, files, vectors, graph, models, pulls, queue, close };
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
