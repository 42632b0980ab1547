import { z } from 'zod';
import { assertCanEraseClient, assertClientAccess, erasureRight } from '@/lib/access';
import { eraseClient, erasureReasons, getClientOrThrow } from '@/lib/clients';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam });

export const GET = route<{ clientId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  const client = await getClientOrThrow(services, clientId);
  await audit({ action: 'view', targetType: 'client', targetId: clientId, clientId });
  return Response.json({ ...client, erasure: await erasureRight(services.db, user, clientId) });
});

const erasureQuery = z.object({ reason: z.enum(erasureReasons, { error: `must be one of ${erasureReasons.join(', ')}` }).optional() });

/** Erases a client everywhere; `?reason=` records why in the audit log. Admins and the client's assigned advisors only. */
export const DELETE = route<{ clientId: string }>('user', async ({ request, params: raw, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  const { reason } = parseParams(Object.fromEntries(new URL(request.url).searchParams), erasureQuery);
  await assertCanEraseClient(services.db, user, clientId);
  const erased = await eraseClient(services, clientId);
  await audit({ action: 'delete', targetType: 'client', targetId: clientId, clientId, details: { ...erased, reason: reason ?? null } });
  return new Response(null, { status: 204 });
});
