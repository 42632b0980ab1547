import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getMetrics } from '../metrics';
import type { JobQueue } from './types';
import type { DocumentWorker } from './worker';

/**
 * Serves a worker process's probes and metrics, since a worker has no web app in front of it.
 * GET /health returns 200 while the worker is connected to Redis and taking jobs, 503 otherwise.
 * GET /metrics returns Prometheus metrics, including the latency of the vision and embedding calls
 * made here; it needs the METRICS_TOKEN bearer token and is off without one.
 */
export async function startWorkerHttp(options: {
  host: string;
  port: number;
  metricsToken?: string;
  worker: DocumentWorker;
  queue: JobQueue;
}): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://worker').pathname;
      if (request.method !== 'GET') {
        response.writeHead(405, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Only GET is supported.' }));
        return;
      }
      if (path === '/health') {
        const running = options.worker.isRunning();
        response
          .writeHead(running ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: running ? 'ok' : 'down', runningJobs: options.worker.runningCount() }));
        return;
      }
      if (path === '/metrics') {
        if (!options.metricsToken) {
          response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Metrics are off. Set METRICS_TOKEN to turn them on.' }));
          return;
        }
        if (request.headers.authorization !== `Bearer ${options.metricsToken}`) {
          response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".' }));
          return;
        }
        const metrics = getMetrics();
        await metrics.observeQueueDepth(options.queue);
        response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
        return;
      }
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `No route ${path}; the worker serves /health and /metrics.` }));
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: `The worker failed to respond: ${(error as Error).name}.` }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
