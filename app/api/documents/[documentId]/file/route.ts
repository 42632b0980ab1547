import { z } from 'zod';
import { getAccessibleDocument } from '@/lib/documents/manage';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ documentId: uuidParam });

export const GET = route<{ documentId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { documentId } = parseParams(raw, params);
  const document = await getAccessibleDocument(services, user, documentId, 'read');
  const bytes = await services.files.read(documentId);
  await audit({ action: 'download', targetType: 'document-file', targetId: documentId, clientId: document.clientId });
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': document.mimeType,
      'content-length': String(bytes.byteLength),
      // The filename is data from the upload: encoded per RFC 6266 so it cannot break the header.
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(document.filename)}`,
      'x-content-type-options': 'nosniff',
      // A PDF opened in the browser runs no script from this origin.
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
    },
  });
});
