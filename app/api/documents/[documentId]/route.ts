import { z } from 'zod';
import { deleteDocument, getDocumentView } from '@/lib/documents/manage';
import { parseParams, route, uuidParam } from '@/lib/http';
import { getServices } from '@/lib/services';

const params = z.object({ documentId: uuidParam });

export const GET = route<{ documentId: string }>(async (_request, rawParams) => {
  const { documentId } = parseParams(rawParams, params);
  return Response.json(await getDocumentView(await getServices(), documentId));
});

export const DELETE = route<{ documentId: string }>(async (_request, rawParams) => {
  const { documentId } = parseParams(rawParams, params);
  await deleteDocument(await getServices(), documentId);
  return new Response(null, { status: 204 });
});
