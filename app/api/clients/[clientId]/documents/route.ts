import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { listDocumentViews, uploadDocuments } from '@/lib/documents/manage';
import { parseParams, readUploadedFiles, route, uploadResponse, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam });

export const GET = route<{ clientId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  const documents = await listDocumentViews(services, { clientId });
  await audit({ action: 'view', targetType: 'document-list', targetId: clientId, clientId, details: { documents: documents.length } });
  return Response.json({ documents });
});

export const POST = route<{ clientId: string }>('user', async ({ request, params: raw, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  const outcome = await uploadDocuments(services, { clientId }, (await readUploadedFiles(request)).files);
  for (const document of outcome.documents) await audit({ action: 'upload', targetType: 'document', targetId: document.id, clientId });
  return uploadResponse(outcome);
});
