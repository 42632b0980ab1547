import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { parseJsonBody, parseParams, route, uuidParam } from '@/lib/http';
import { createUploadLink, listUploadLinks } from '@/lib/uploads/links';

const params = z.object({ clientId: uuidParam });
const createBody = z.object({ days: z.number().int().min(1, 'must be at least 1 day').max(30, 'must be at most 30 days').optional() });

export const GET = route<{ clientId: string }>('user', async ({ params: raw, services, user }) => {
  const { clientId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  return Response.json({ links: await listUploadLinks(services, clientId) });
});

export const POST = route<{ clientId: string }>('user', async ({ request, params: raw, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  const { days } = await parseJsonBody(request, createBody);
  await assertClientAccess(services.db, user, clientId);
  const link = await createUploadLink(services, clientId, user, days);
  await audit({ action: 'create', targetType: 'upload-link', targetId: link.id, clientId });
  return Response.json(link, { status: 201 });
});
