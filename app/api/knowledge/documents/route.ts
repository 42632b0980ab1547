import { listDocumentViews, uploadDocuments } from '@/lib/documents/manage';
import { readUploadedFiles, route, uploadResponse } from '@/lib/http';
import { getServices } from '@/lib/services';

export const GET = route(async () => Response.json({ documents: await listDocumentViews(await getServices(), { knowledge: true }) }));

export const POST = route(async (request) => {
  const services = await getServices();
  return uploadResponse(await uploadDocuments(services, { knowledge: true }, (await readUploadedFiles(request)).files));
});
