import { z } from 'zod';
import { parseParams, route } from '@/lib/http';
import { listLinkDocuments, verifyUploadToken } from '@/lib/uploads/links';

const params = z.object({ token: z.string().min(1).max(300) });

/** Public: the processing state of the documents uploaded through this link, and of no others. */
export const GET = route<{ token: string }>('public', async ({ params: raw, services }) => {
  const { token } = parseParams(raw, params);
  const link = await verifyUploadToken(services, token);
  return Response.json({ documents: await listLinkDocuments(services, link.id) });
});
