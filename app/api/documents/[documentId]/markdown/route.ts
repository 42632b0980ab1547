import { z } from 'zod';
import { getDocumentMarkdown } from '@/lib/documents/manage';
import { parseParams, route, uuidParam } from '@/lib/http';
import { getServices } from '@/lib/services';

const params = z.object({ documentId: uuidParam });

export const GET = route<{ documentId: string }>(async (_request, rawParams) => {
  const { documentId } = parseParams(rawParams, params);
  const markdown = await getDocumentMarkdown(await getServices(), documentId);
  return new Response(markdown, { headers: { 'content-type': 'text/markdown; charset=utf-8', 'cache-control': 'no-store' } });
});
