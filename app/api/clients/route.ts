import { z } from 'zod';
import { addClient, listClientViews } from '@/lib/clients';
import { parseJsonBody, route } from '@/lib/http';
import { getServices } from '@/lib/services';

const createClientBody = z.object({
  name: z.string().trim().min(1, 'enter the client\'s name').max(200, 'must be at most 200 characters'),
});

export const GET = route(async () => Response.json({ clients: await listClientViews(await getServices()) }));

export const POST = route(async (request) => {
  const body = await parseJsonBody(request, createClientBody);
  const client = await addClient(await getServices(), body);
  return Response.json(client, { status: 201 });
});
