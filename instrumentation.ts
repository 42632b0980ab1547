/**
 * Runs once when the Next.js server starts: opens the services so that the job queue picks up
 * documents left queued or interrupted by the previous run, without waiting for a first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getServices } = await import('./lib/services');
  const { logger } = await import('./lib/log');
  try {
    await getServices();
  } catch (error) {
    // The app still starts: /api/health and the status page report the failing dependency.
    logger.error({ err: error }, 'services failed to start; requests will retry');
  }
}
