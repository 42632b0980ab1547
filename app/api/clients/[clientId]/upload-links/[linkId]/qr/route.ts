import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { parseParams, route, uuidParam } from '@/lib/http';
import { getUploadLink, uploadLinkQrPng } from '@/lib/uploads/links';

const params = z.object({ clientId: uuidParam, linkId: uuidParam });

const qrQuery = z.object({ inline: z.enum(['1']).optional() });

/** Returns a PNG QR code of the upload link, to print or send to the client. With `?inline=1` it is shown on screen for the client to scan. */
export const GET = route<{ clientId: string; linkId: string }>('user', async ({ request, params: raw, services, user, audit }) => {
  const { clientId, linkId } = parseParams(raw, params);
  const { inline } = parseParams(Object.fromEntries(new URL(request.url).searchParams), qrQuery);
  await assertClientAccess(services.db, user, clientId);
  const png = await uploadLinkQrPng(services, await getUploadLink(services, clientId, linkId));
  await audit({ action: inline ? 'view' : 'download', targetType: 'upload-link-qr', targetId: linkId, clientId });
  const disposition = inline ? 'inline' : `attachment; filename="upload-link-${linkId.slice(0, 8)}.png"`;
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png', 'content-disposition': disposition, 'cache-control': 'private, no-store' } });
});
