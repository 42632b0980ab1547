import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { assertClientAccess, assignAdvisor, listClientAdvisorIds, unassignAdvisor } from '@/lib/access';
import { listAccounts } from '@/lib/auth/accounts';
import type { Services } from '@/lib/services';
import { users } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { parseJsonBody, parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam });
const assignmentBody = z.object({ userIds: z.array(z.string().min(1).max(100)).max(200) });

async function advisorsOf(services: Services, clientId: string) {
  const ids = new Set(await listClientAdvisorIds(services.db, clientId));
  const accounts = await listAccounts(services.db);
  return accounts.filter((account) => ids.has(account.id)).map(({ id, name, email, role }) => ({ id, name, email, role }));
}

export const GET = route<{ clientId: string }>('user', async ({ params: raw, services, user }) => {
  const { clientId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  return Response.json({ advisors: await advisorsOf(services, clientId) });
});

/** Replaces the advisors assigned to a client; admins only. */
export const PUT = route<{ clientId: string }>('admin', async ({ request, params: raw, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  const { userIds } = await parseJsonBody(request, assignmentBody);
  await assertClientAccess(services.db, user, clientId);
  const wanted = [...new Set(userIds)];
  const known = wanted.length === 0 ? [] : await services.db.select({ id: users.id }).from(users).where(inArray(users.id, wanted));
  if (known.length !== wanted.length) throw new AppError('invalid_request', 'One or more of the accounts to assign do not exist.');

  const current = await listClientAdvisorIds(services.db, clientId);
  for (const userId of wanted.filter((id) => !current.includes(id))) await assignAdvisor(services.db, clientId, userId);
  for (const userId of current.filter((id) => !wanted.includes(id))) await unassignAdvisor(services.db, clientId, userId);
  await audit({ action: 'update', targetType: 'client-advisors', targetId: clientId, clientId, details: { advisors: wanted.length } });
  return Response.json({ advisors: await advisorsOf(services, clientId) });
});
