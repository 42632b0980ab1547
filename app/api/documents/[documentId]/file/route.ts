import { z } from 'zod';
import { getDocumentOrThrow } from '@/lib/documents/manage';
import { parseParams, route, uuidParam } from '@/lib/http';
import { getServices } from '@/lib/services';

const params = z.object({ documentId: uuidParam });

export const GET = route<{ documentId: string }>(async (_request, rawParams) => {
  const { documentId } = parseParams(rawParams, params);
  const services = await getServices();
  const document = await getDocumentOrThrow(services, documentId);
  const bytes = await services.files.read(documentId);
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': document.mimeType,
      'content-length': String(bytes.byteLength),
      // The filename is data from the upload: encoded per RFC 6266 so it cannot break the header.
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(document.filename)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
});
