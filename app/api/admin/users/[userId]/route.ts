import { z } from 'zod';
import { updateAccount } from '@/lib/auth/accounts';
import { roles } from '@/lib/auth/auth';
import { parseJsonBody, parseParams, route } from '@/lib/http';

const params = z.object({ userId: z.string().min(1).max(100) });
const updateBody = z.object({ role: z.enum(roles).optional(), disabled: z.boolean().optional() }).refine((body) => body.role !== undefined || body.disabled !== undefined, 'send role or disabled');

export const PATCH = route<{ userId: string }>('admin', async ({ request, params: raw, services, audit }) => {
  const { userId } = parseParams(raw, params);
  const change = await parseJsonBody(request, updateBody);
  const account = await updateAccount(services.auth, services.db, userId, change);
  await audit({ action: 'update', targetType: 'account', targetId: userId, details: { role: change.role ?? null, disabled: change.disabled ?? null } });
  return Response.json(account);
});
