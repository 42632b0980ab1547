import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { uploadDocuments } from '@/lib/documents/manage';
import { parseParams, readUploadedFiles, route, uploadResponse } from '@/lib/http';
import { rejectionsForClient, verifyUploadToken } from '@/lib/uploads/links';

const params = z.object({ token: z.string().min(1).max(300) });

/** Public: whether a client's upload link is usable, and the limits to show. Nothing about the client. */
export const GET = route<{ token: string }>('public', async ({ params: raw, services }) => {
  const { token } = parseParams(raw, params);
  const link = await verifyUploadToken(services, token);
  return Response.json({ centreName: services.config.CENTRE_NAME, expiresAt: link.expiresAt.toISOString(), maxUploadMb: services.config.MAX_UPLOAD_MB });
});

/** Public: a client uploads documents to their own record through the link, with the advisor's checks. */
export const POST = route<{ token: string }>('public', async ({ request, params: raw, services, requestId }) => {
  const { token } = parseParams(raw, params);
  const link = await verifyUploadToken(services, token);
  const outcome = await uploadDocuments(services, { clientId: link.clientId, uploadLinkId: link.id }, (await readUploadedFiles(request)).files);
  for (const document of outcome.documents) {
    await recordAudit(services.db, { actorType: 'upload-link', actorId: link.id, action: 'upload', targetType: 'document', targetId: document.id, clientId: link.clientId, requestId });
  }
  return uploadResponse({
    documents: outcome.documents.map((document) => ({ id: document.id, filename: document.filename, status: document.status })),
    rejected: rejectionsForClient(outcome.rejected),
  });
});
