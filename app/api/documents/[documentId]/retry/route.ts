import { z } from 'zod';
import { getAccessibleDocument, retryDocument } from '@/lib/documents/manage';
import { parseJsonBody, parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ documentId: uuidParam });
const retryBody = z.object({ password: z.string().min(1).max(256).optional() });

/** Processes a failed document again, optionally with the password of a protected PDF. */
export const POST = route<{ documentId: string }>('user', async ({ request, params: raw, services, user, audit }) => {
  const { documentId } = parseParams(raw, params);
  const { password } = await parseJsonBody(request, retryBody);
  const document = await getAccessibleDocument(services, user, documentId, 'change');
  const view = await retryDocument(services, documentId, { password });
  await audit({ action: 'update', targetType: 'document', targetId: documentId, clientId: document.clientId, details: { retry: true, withPassword: Boolean(password) } });
  return Response.json(view, { status: 202 });
});
