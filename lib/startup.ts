import { getRoleStatuses } from './llm/status';
import { logger } from './log';
import { getServices } from './services';

/**
 * Opens the services when the server starts, so the job queue picks up documents left queued or
 * interrupted by the previous run without waiting for a first request, and logs whether each model
 * role can be served.
 */
export async function startServer(): Promise<void> {
  try {
    const services = await getServices();
    for (const role of await getRoleStatuses(services.models)) {
      const state = { role: role.role, url: role.url, model: role.model, reachable: role.reachable, activeModel: role.activeModel };
      if (role.reachable && role.activeModel) logger.info(state, 'model role ready');
      else logger.warn(state, 'model role unavailable; the app uses its fallback for this role');
    }
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => logger.info({ signal }, 'stopping'));
    }
  } catch (error) {
    // The app still starts: /api/health and the status page report the failing dependency.
    logger.error({ err: error }, 'services failed to start; requests will retry');
  }
}
