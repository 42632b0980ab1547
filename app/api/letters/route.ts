import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { ndjsonResponse, parseJsonBody, route } from '@/lib/http';
import { writeAndSaveLetter } from '@/lib/letters/save';

const letterBody = z.object({
  clientName: z.string().trim().min(1, 'enter the client\'s name').max(200, 'must be at most 200 characters'),
  notes: z.string().trim().min(20, 'paste the interview notes (at least 20 characters)').max(20_000, 'must be at most 20,000 characters'),
  clientId: z.uuid().optional(),
});

export const POST = route('user', async ({ request, requestId, services, user, audit }) => {
  const body = await parseJsonBody(request, letterBody);
  if (body.clientId) await assertClientAccess(services.db, user, body.clientId);
  const onSaved = (letterId: string) => audit({ action: 'create', targetType: 'letter', targetId: letterId, clientId: body.clientId ?? null });
  return ndjsonResponse(writeAndSaveLetter({ db: services.db, textModel: services.models.text, onSaved }, { ...body, advisorName: user.name, signal: request.signal }), requestId);
});
