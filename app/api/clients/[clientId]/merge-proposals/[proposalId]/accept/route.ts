import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { acceptMergeProposal } from '@/lib/entities/debt-decisions';
import { getDebtView } from '@/lib/entities/debt-views';
import { syncClientGraphAfterChange } from '@/lib/graph/sync';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam, proposalId: uuidParam });

/** Merges the two debts of a proposal into one, which keeps both debts' letters and the older debt's id. */
export const POST = route<{ clientId: string; proposalId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { clientId, proposalId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  const debtId = await acceptMergeProposal(services.db, { clientId, proposalId, userId: user.id });
  await audit({ action: 'update', targetType: 'merge-proposal', targetId: proposalId, clientId, details: { decision: 'accepted', debtId } });
  const graphUpdated = await syncClientGraphAfterChange(services, clientId);
  return Response.json({ debt: await getDebtView(services.db, { clientId, id: debtId }), graphUpdated });
});
