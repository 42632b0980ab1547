import { AppError } from '@/lib/errors';
import { route } from '@/lib/http';
import { getMetrics } from '@/lib/metrics';

/**
 * Prometheus metrics in the text exposition format. Protected by METRICS_TOKEN (a bearer token for
 * the scraper): with no token configured the endpoint is off, because metrics name the app's routes.
 */
export const GET = route('public', async ({ request, services }) => {
  const token = services.config.METRICS_TOKEN;
  if (!token) throw new AppError('not_found', 'Metrics are off. Set METRICS_TOKEN to turn them on.');
  if (request.headers.get('authorization') !== `Bearer ${token}`) throw new AppError('unauthenticated', 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".');

  const metrics = getMetrics();
  await metrics.observeQueueDepth(services.queue);
  return new Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } });
});
