import { ndjsonResponse, parseJsonBody, route } from '@/lib/http';
import { askBody, askScope } from '@/lib/rag/ask';

export const POST = route('user', async ({ request, requestId, services }) => {
  const { question } = await parseJsonBody(request, askBody);
  return ndjsonResponse(askScope(services, { scope: 'knowledge' }, question, request.signal), requestId);
});
