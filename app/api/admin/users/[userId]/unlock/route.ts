import { z } from 'zod';
import { unlockAccount } from '@/lib/auth/accounts';
import { parseParams, route } from '@/lib/http';

const params = z.object({ userId: z.string().min(1).max(100) });

/** Lifts an account's lockout after failed sign-ins, so its owner can sign in again at once. */
export const POST = route<{ userId: string }>('admin', async ({ params: raw, services, audit }) => {
  const { userId } = parseParams(raw, params);
  await unlockAccount(services.db, userId);
  await audit({ action: 'update', targetType: 'account-lockout', targetId: userId, details: { locked: false } });
  return new Response(null, { status: 204 });
});
