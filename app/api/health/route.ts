import { checkHealth } from '@/lib/health';
import { route } from '@/lib/http';

/** Public, for load balancers and probes: dependency states and model names, no client data. */
export const GET = route('public', async ({ services }) => {
  const health = await checkHealth(services);
  return Response.json(health, { status: health.status === 'down' ? 503 : 200 });
});
