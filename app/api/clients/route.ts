import { z } from 'zod';
import { addClient, listClientViews } from '@/lib/clients';
import { parseJsonBody, route } from '@/lib/http';

const createClientBody = z.object({
  name: z.string().trim().min(1, 'enter the client\'s name').max(200, 'must be at most 200 characters'),
});

export const GET = route('user', async ({ services, user }) => Response.json({ clients: await listClientViews(services, user) }));

export const POST = route('user', async ({ request, services, user, audit }) => {
  const body = await parseJsonBody(request, createClientBody);
  const client = await addClient(services, body, user);
  await audit({ action: 'create', targetType: 'client', targetId: client.id, clientId: client.id });
  return Response.json(client, { status: 201 });
});
