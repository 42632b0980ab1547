import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { parseParams, route, uuidParam } from '@/lib/http';
import { revokeUploadLink } from '@/lib/uploads/links';

const params = z.object({ clientId: uuidParam, linkId: uuidParam });

/** Revokes a client upload link; uploads already made stay. */
export const DELETE = route<{ clientId: string; linkId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { clientId, linkId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  await revokeUploadLink(services, clientId, linkId);
  await audit({ action: 'delete', targetType: 'upload-link', targetId: linkId, clientId });
  return new Response(null, { status: 204 });
});
