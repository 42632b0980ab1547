import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { rejectMergeProposal } from '@/lib/entities/debt-decisions';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam, proposalId: uuidParam });

/** Keeps the two debts of a proposal apart; the pair is not proposed again. */
export const POST = route<{ clientId: string; proposalId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { clientId, proposalId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  await rejectMergeProposal(services.db, { clientId, proposalId, userId: user.id });
  await audit({ action: 'update', targetType: 'merge-proposal', targetId: proposalId, clientId, details: { decision: 'rejected' } });
  return Response.json({ id: proposalId, status: 'rejected' });
});
