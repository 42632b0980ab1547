import { listDocumentViews, uploadDocuments } from '@/lib/documents/manage';
import { readUploadedFiles, route, uploadResponse } from '@/lib/http';

export const GET = route('user', async ({ services }) => Response.json({ documents: await listDocumentViews(services, { knowledge: true }) }));

/** Knowledge-base documents are the centre's manuals: only admins add them. */
export const POST = route('admin', async ({ request, services, audit }) => {
  const outcome = await uploadDocuments(services, { knowledge: true }, (await readUploadedFiles(request)).files);
  for (const document of outcome.documents) await audit({ action: 'upload', targetType: 'document', targetId: document.id });
  return uploadResponse(outcome);
});
