import { z } from 'zod';
import { getClientOrThrow } from '@/lib/clients';
import { ndjsonResponse, parseJsonBody, parseParams, route, uuidParam } from '@/lib/http';
import { askBody, askScope } from '@/lib/rag/ask';
import { getServices } from '@/lib/services';

const params = z.object({ clientId: uuidParam });

export const POST = route<{ clientId: string }>(async (request, rawParams, requestId) => {
  const { clientId } = parseParams(rawParams, params);
  const { question } = await parseJsonBody(request, askBody);
  const services = await getServices();
  await getClientOrThrow(services, clientId);
  return ndjsonResponse(askScope(services, { scope: 'client', clientId }, question, request.signal), requestId);
});
