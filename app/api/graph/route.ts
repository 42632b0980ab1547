import { z } from 'zod';
import { graphNodeTypes } from '@/lib/graph/types';
import { parseParams, route } from '@/lib/http';
import { getServices } from '@/lib/services';

const graphQuery = z.object({
  clientId: z.uuid({ error: 'must be a client id (a UUID)' }).optional(),
  types: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((type) => type.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(graphNodeTypes)).optional()),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export const GET = route(async (request) => {
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const query = parseParams(search, graphQuery);
  const services = await getServices();
  return Response.json(await services.graph.getGraph({ ...query, q: query.q || undefined }));
});
