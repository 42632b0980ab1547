import { z } from 'zod';
import { updateAccount } from '@/lib/auth/accounts';
import { roles } from '@/lib/auth/auth';
import { parseJsonBody, parseParams, route } from '@/lib/http';

const params = z.object({ userId: z.string().min(1).max(100) });
const updateBody = z
  .object({
    role: z.enum(roles).optional(),
    disabled: z.boolean().optional(),
    name: z.string().trim().min(1, 'enter a name').max(200).optional(),
    email: z.email({ error: 'must be an email address' }).max(320).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'send role, disabled, name or email');

/** Changes an account. The audit event records whether a new name or email was set, never the values, so the log contains no names. */
export const PATCH = route<{ userId: string }>('admin', async ({ request, params: raw, services, audit }) => {
  const { userId } = parseParams(raw, params);
  const change = await parseJsonBody(request, updateBody);
  const account = await updateAccount(services.auth, services.db, userId, change);
  await audit({
    action: 'update',
    targetType: 'account',
    targetId: userId,
    details: { role: change.role ?? null, disabled: change.disabled ?? null, nameChanged: change.name === undefined ? null : true, emailChanged: change.email === undefined ? null : true },
  });
  return Response.json(account);
});
