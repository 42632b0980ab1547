import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { eraseClient, getClientOrThrow } from '@/lib/clients';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam });

export const GET = route<{ clientId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  const client = await getClientOrThrow(services, clientId);
  await audit({ action: 'view', targetType: 'client', targetId: clientId, clientId });
  return Response.json(client);
});

export const DELETE = route<{ clientId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  await eraseClient(services, clientId);
  await audit({ action: 'delete', targetType: 'client', targetId: clientId, clientId });
  return new Response(null, { status: 204 });
});
