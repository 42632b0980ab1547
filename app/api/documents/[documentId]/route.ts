import { z } from 'zod';
import { deleteDocument, getAccessibleDocument, getDocumentView } from '@/lib/documents/manage';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ documentId: uuidParam });

export const GET = route<{ documentId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { documentId } = parseParams(raw, params);
  const document = await getAccessibleDocument(services, user, documentId, 'read');
  await audit({ action: 'view', targetType: 'document', targetId: documentId, clientId: document.clientId });
  return Response.json(await getDocumentView(services, documentId));
});

export const DELETE = route<{ documentId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { documentId } = parseParams(raw, params);
  const document = await getAccessibleDocument(services, user, documentId, 'change');
  await deleteDocument(services, documentId);
  await audit({ action: 'delete', targetType: 'document', targetId: documentId, clientId: document.clientId });
  return new Response(null, { status: 204 });
});
