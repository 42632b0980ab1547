import { z } from 'zod';
import { drawPagePicture } from '@/lib/documents/page-picture';
import { getAccessibleDocument } from '@/lib/documents/manage';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ documentId: uuidParam, pageNumber: z.coerce.number().int().min(1).max(100_000) });

/** Returns one page of the original file as a PNG, for checking the text read from it. */
export const GET = route<{ documentId: string; pageNumber: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { documentId, pageNumber } = parseParams(raw, params);
  const document = await getAccessibleDocument(services, user, documentId, 'read');
  const bytes = await services.files.read(documentId);
  const png = await drawPagePicture(bytes, pageNumber, { maxImageMegapixels: services.config.MAX_IMAGE_MEGAPIXELS, pageTimeoutMs: services.config.PDF_PAGE_TIMEOUT_MS });
  await audit({ action: 'view', targetType: 'document-page-pictures', targetId: documentId, clientId: document.clientId });
  return new Response(Buffer.from(png), {
    headers: { 'content-type': 'image/png', 'content-length': String(png.byteLength), 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' },
  });
});
