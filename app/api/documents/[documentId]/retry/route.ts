import { z } from 'zod';
import { retryDocument } from '@/lib/documents/manage';
import { parseJsonBody, parseParams, route, uuidParam } from '@/lib/http';
import { getServices } from '@/lib/services';

const params = z.object({ documentId: uuidParam });
const retryBody = z.object({ password: z.string().min(1).max(256).optional() });

/** Processes a failed document again, optionally with the password of a protected PDF. */
export const POST = route<{ documentId: string }>(async (request, rawParams) => {
  const { documentId } = parseParams(rawParams, params);
  const { password } = await parseJsonBody(request, retryBody);
  return Response.json(await retryDocument(await getServices(), documentId, { password }), { status: 202 });
});
