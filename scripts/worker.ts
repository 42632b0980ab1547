// Runs document processing jobs from the BullMQ queue in Redis. Start any number of these beside the
// web app: `npm run worker` in development (tsx), or `node dist/worker.mjs` (built by
// `npm run build:worker`) where only production dependencies are installed, as in the Docker image.
// A worker needs REDIS_URL and the same records database, DATA_DIR files, Chroma, model servers and
// AUTH_SECRET as the web app. SIGTERM or SIGINT stops it after its running jobs finish.
import { loadDotEnv } from './lib/setup.mjs';

// The settings must be in process.env before any lib module reads them, so lib is imported after.
loadDotEnv();
const { getConfig } = await import('../lib/config');
const { logger } = await import('../lib/log');
const { createServices } = await import('../lib/services');
const { startDocumentWorker } = await import('../lib/jobs/worker');
const { startWorkerHttp } = await import('../lib/jobs/worker-http');

const config = getConfig();
if (!config.REDIS_URL) {
  logger.fatal({}, 'REDIS_URL is not set. A worker takes jobs from the BullMQ queue in Redis: set REDIS_URL (for example redis://127.0.0.1:6379) here and in the web app.');
  process.exit(1);
}

const services = await createServices(config, { startQueue: false });
const worker = await startDocumentWorker({
  redisUrl: config.REDIS_URL,
  deps: services,
  authSecret: services.authSecret,
  concurrency: config.DOCUMENT_CONCURRENCY,
  lockMs: config.WORKER_LOCK_SECONDS * 1000,
});
const http = await startWorkerHttp({ host: config.WORKER_HOST, port: config.WORKER_PORT, metricsToken: config.METRICS_TOKEN, worker, queue: services.queue });
logger.info({ pid: process.pid, http: http.url }, 'worker ready');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, runningJobs: worker.runningCount() }, 'worker stopping after its running jobs');
    void (async () => {
      await http.close();
      await worker.close();
      await services.close();
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'worker shutdown failed');
      process.exit(1);
    });
  });
}
