import { z } from 'zod';
import { getClientOrThrow } from '@/lib/clients';
import { listDocumentViews, uploadDocuments } from '@/lib/documents/manage';
import { parseParams, readUploadedFiles, route, uploadResponse, uuidParam } from '@/lib/http';
import { getServices } from '@/lib/services';

const params = z.object({ clientId: uuidParam });

export const GET = route<{ clientId: string }>(async (_request, rawParams) => {
  const { clientId } = parseParams(rawParams, params);
  const services = await getServices();
  await getClientOrThrow(services, clientId);
  return Response.json({ documents: await listDocumentViews(services, { clientId }) });
});

export const POST = route<{ clientId: string }>(async (request, rawParams) => {
  const { clientId } = parseParams(rawParams, params);
  const services = await getServices();
  await getClientOrThrow(services, clientId);
  return uploadResponse(await uploadDocuments(services, { clientId }, (await readUploadedFiles(request)).files));
});
