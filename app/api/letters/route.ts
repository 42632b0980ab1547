import { z } from 'zod';
import { ndjsonResponse, parseJsonBody, route } from '@/lib/http';
import { writeAndSaveLetter } from '@/lib/letters/save';
import { getServices } from '@/lib/services';

const letterBody = z.object({
  clientName: z.string().trim().min(1, 'enter the client\'s name').max(200, 'must be at most 200 characters'),
  notes: z.string().trim().min(20, 'paste the interview notes (at least 20 characters)').max(20_000, 'must be at most 20,000 characters'),
  clientId: z.uuid().optional(),
});

export const POST = route(async (request, _params, requestId) => {
  const body = await parseJsonBody(request, letterBody);
  const services = await getServices();
  return ndjsonResponse(writeAndSaveLetter({ db: services.db, textModel: services.models.text }, { ...body, signal: request.signal }), requestId);
});
