import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { reopenMergeProposal } from '@/lib/entities/debt-decisions';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam, proposalId: uuidParam });

/** Undoes "keep separate": the proposal is open again. */
export const POST = route<{ clientId: string; proposalId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { clientId, proposalId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  await reopenMergeProposal(services.db, { clientId, proposalId });
  await audit({ action: 'update', targetType: 'merge-proposal', targetId: proposalId, clientId, details: { decision: 'reopened' } });
  return Response.json({ id: proposalId, status: 'open' });
});
