import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { listMergeProposalViews } from '@/lib/entities/debt-views';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam });
const query = z.object({ status: z.enum(['open', 'rejected', 'all']).default('open') });

/** Lists the pairs of debts that may be one, for the advisor to accept or reject: the open ones unless `status` is set. */
export const GET = route<{ clientId: string }>('user', async ({ request, params: raw, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  const { status } = parseParams(Object.fromEntries(new URL(request.url).searchParams), query);
  await assertClientAccess(services.db, user, clientId);
  const proposals = await listMergeProposalViews(services.db, { clientId, status: status === 'all' ? undefined : status });
  await audit({ action: 'view', targetType: 'merge-proposals', targetId: clientId, clientId, details: { proposals: proposals.length } });
  return Response.json({ proposals });
});
