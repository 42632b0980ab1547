import { z } from 'zod';
import { resetPassword } from '@/lib/auth/accounts';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/auth';
import { parseJsonBody, parseParams, route } from '@/lib/http';

const params = z.object({ userId: z.string().min(1).max(100) });
const passwordBody = z.object({ password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(256) });

/** Sets a new password for an account, signs it out everywhere and lifts any sign-in lockout. */
export const POST = route<{ userId: string }>('admin', async ({ request, params: raw, services, audit }) => {
  const { userId } = parseParams(raw, params);
  const { password } = await parseJsonBody(request, passwordBody);
  const { lockoutLifted } = await resetPassword(services.auth, services.db, services.config, userId, password);
  await audit({ action: 'update', targetType: 'account-password', targetId: userId, details: { lockoutLifted } });
  return new Response(null, { status: 204 });
});
