import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { ndjsonResponse, parseJsonBody, parseParams, route, uuidParam } from '@/lib/http';
import { askBody, askScope } from '@/lib/rag/ask';

const params = z.object({ clientId: uuidParam });

export const POST = route<{ clientId: string }>('user', async ({ request, params: raw, requestId, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  const { question } = await parseJsonBody(request, askBody);
  await assertClientAccess(services.db, user, clientId);
  await audit({ action: 'ask', targetType: 'client', targetId: clientId, clientId });
  return ndjsonResponse(askScope(services, { scope: 'client', clientId }, question, request.signal), requestId);
});
