import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobQueue } from './jobs/types';
import { moduleLogger } from './log';

const log = moduleLogger('metrics');

/**
 * Prometheus metrics of this process: request latency per route, model call latency and errors per
 * role, and the processing queue's depth. Labels carry route patterns, roles and codes, never ids or
 * client data, so the number of series stays small.
 */
class AppMetrics {
  readonly registry = new Registry();

  readonly requestSeconds = new Histogram({
    name: 'rma_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly modelCallSeconds = new Histogram({
    name: 'rma_model_call_duration_seconds',
    help: 'Time of one model call, by role (text, vision, embed), provider and outcome.',
    labelNames: ['role', 'provider', 'outcome'],
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  readonly modelCallErrors = new Counter({
    name: 'rma_model_call_errors_total',
    help: 'Failed model calls, by role, provider and error code.',
    labelNames: ['role', 'provider', 'code'],
    registers: [this.registry],
  });

  // With BullMQ the counts are those of the shared Redis queue, so every replica reports the same
  // numbers: aggregate them with max(), not sum().
  readonly queueDepth = new Gauge({
    name: 'rma_queue_jobs',
    help: 'Processing jobs by state (queued or running), across all workers.',
    labelNames: ['state'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'rma_' });
  }

  observeRequest(route: string, method: string, status: number, seconds: number): void {
    this.requestSeconds.observe({ route, method, status: String(status) }, seconds);
  }

  /**
   * Sets the queue gauges from the queue. When the queue cannot be read (Redis down) the gauges are
   * cleared, so a scrape shows the series missing instead of old numbers.
   */
  async observeQueueDepth(queue: JobQueue): Promise<void> {
    try {
      const depth = await queue.depth();
      this.queueDepth.set({ state: 'queued' }, depth.queued);
      this.queueDepth.set({ state: 'running' }, depth.running);
    } catch (error) {
      this.queueDepth.reset();
      log.warn({ queue: queue.kind, err: { name: (error as Error).name, message: (error as Error).message } }, 'reading the queue depth failed');
    }
  }

  /** Records one model call; `code` is the AppError code of a failure, or undefined on success. */
  observeModelCall(role: string, provider: string, seconds: number, code?: string): void {
    this.modelCallSeconds.observe({ role, provider, outcome: code ? 'error' : 'ok' }, seconds);
    if (code) this.modelCallErrors.inc({ role, provider, code });
  }
}

// One registry per process, kept on globalThis because Next.js may load this module in several bundles.
const globalKey = Symbol.for('rma-advisor.metrics');
type GlobalWithMetrics = typeof globalThis & { [globalKey]?: AppMetrics };

export function getMetrics(): AppMetrics {
  const store = globalThis as GlobalWithMetrics;
  store[globalKey] ??= new AppMetrics();
  return store[globalKey];
}

/** Turns a request path into its route pattern, replacing ids and tokens so each route is one series. */
export function routePattern(path: string): string {
  return path
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.\d+\.[\w-]+)?/gi, ':id')
    .replace(/\/upload\/[^/]+/, '/upload/:token')
    .replace(/\/pages\/\d+/, '/pages/:pageNumber');
}
