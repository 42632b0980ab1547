import { z } from 'zod';
import { eraseClient, getClientOrThrow } from '@/lib/clients';
import { parseParams, route, uuidParam } from '@/lib/http';
import { getServices } from '@/lib/services';

const params = z.object({ clientId: uuidParam });

export const GET = route<{ clientId: string }>(async (_request, rawParams) => {
  const { clientId } = parseParams(rawParams, params);
  return Response.json(await getClientOrThrow(await getServices(), clientId));
});

export const DELETE = route<{ clientId: string }>(async (_request, rawParams) => {
  const { clientId } = parseParams(rawParams, params);
  await eraseClient(await getServices(), clientId);
  return new Response(null, { status: 204 });
});
