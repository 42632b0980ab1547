import { z } from 'zod';
import { listPages } from '@/lib/db/queries/documents';
import { getDocumentOrThrow } from '@/lib/documents/manage';
import { parseParams, route, uuidParam } from '@/lib/http';
import { getServices } from '@/lib/services';

const params = z.object({ documentId: uuidParam });

/** The markdown of each page with the method that read it. */
export const GET = route<{ documentId: string }>(async (_request, rawParams) => {
  const { documentId } = parseParams(rawParams, params);
  const services = await getServices();
  await getDocumentOrThrow(services, documentId);
  return Response.json({ pages: await listPages(services.db, { documentId }) });
});
