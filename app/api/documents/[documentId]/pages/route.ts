import { z } from 'zod';
import { listPages } from '@/lib/db/queries/documents';
import { getAccessibleDocument } from '@/lib/documents/manage';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ documentId: uuidParam });

/** The markdown of each page with the method that read it. */
export const GET = route<{ documentId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { documentId } = parseParams(raw, params);
  const document = await getAccessibleDocument(services, user, documentId, 'read');
  await audit({ action: 'view', targetType: 'document-pages', targetId: documentId, clientId: document.clientId });
  return Response.json({ pages: await listPages(services.db, { documentId }) });
});
