import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { parseParams, route, uuidParam } from '@/lib/http';
import { getUploadLink, uploadLinkQrPng } from '@/lib/uploads/links';

const params = z.object({ clientId: uuidParam, linkId: uuidParam });

/** A PNG QR code of the upload link, to print or send to the client. */
export const GET = route<{ clientId: string; linkId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { clientId, linkId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  const png = await uploadLinkQrPng(services, await getUploadLink(services, clientId, linkId));
  await audit({ action: 'download', targetType: 'upload-link-qr', targetId: linkId, clientId });
  return new Response(new Uint8Array(png), {
    headers: { 'content-type': 'image/png', 'content-disposition': `attachment; filename="upload-link-${linkId.slice(0, 8)}.png"`, 'cache-control': 'private, no-store' },
  });
});
