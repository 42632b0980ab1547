import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { parseParams, route, uuidParam } from '@/lib/http';
import { listClientLetters } from '@/lib/letters/save';

const params = z.object({ clientId: uuidParam });

/** Lists the letters written for this client on the Letters page, newest first. */
export const GET = route<{ clientId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  const letters = await listClientLetters(services.db, { clientId });
  await audit({ action: 'view', targetType: 'letters', targetId: clientId, clientId, details: { letters: letters.length } });
  return Response.json({ letters });
});
