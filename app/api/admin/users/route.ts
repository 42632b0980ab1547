import { z } from 'zod';
import { createAccount, listAccountsWithLockouts } from '@/lib/auth/accounts';
import { MIN_PASSWORD_LENGTH, roles } from '@/lib/auth/auth';
import { parseJsonBody, route } from '@/lib/http';

const createBody = z.object({
  name: z.string().trim().min(1, 'enter a name').max(200),
  email: z.email({ error: 'must be an email address' }),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(256),
  role: z.enum(roles),
});

export const GET = route('admin', async ({ services }) => Response.json({ users: await listAccountsWithLockouts(services.db, services.config) }));

export const POST = route('admin', async ({ request, services, audit }) => {
  const body = await parseJsonBody(request, createBody);
  const account = await createAccount(services.auth, body);
  await audit({ action: 'create', targetType: 'account', targetId: account.id, details: { role: account.role } });
  return Response.json(account, { status: 201 });
});
