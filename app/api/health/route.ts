import { checkHealth } from '@/lib/health';
import { route } from '@/lib/http';
import { getServices } from '@/lib/services';

export const GET = route(async () => {
  const health = await checkHealth(await getServices());
  return Response.json(health, { status: health.status === 'down' ? 503 : 200 });
});
