import { ndjsonResponse, parseJsonBody, route } from '@/lib/http';
import { askBody, askScope } from '@/lib/rag/ask';
import { getServices } from '@/lib/services';

export const POST = route(async (request, _params, requestId) => {
  const { question } = await parseJsonBody(request, askBody);
  return ndjsonResponse(askScope(await getServices(), { scope: 'knowledge' }, question, request.signal), requestId);
});
