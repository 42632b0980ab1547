import { z } from 'zod';
import { getAccessibleDocument, getDocumentMarkdown } from '@/lib/documents/manage';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ documentId: uuidParam });

export const GET = route<{ documentId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { documentId } = parseParams(raw, params);
  const document = await getAccessibleDocument(services, user, documentId, 'read');
  const markdown = await getDocumentMarkdown(services, documentId);
  await audit({ action: 'export', targetType: 'document-markdown', targetId: documentId, clientId: document.clientId });
  return new Response(markdown, { headers: { 'content-type': 'text/markdown; charset=utf-8', 'cache-control': 'no-store' } });
});
