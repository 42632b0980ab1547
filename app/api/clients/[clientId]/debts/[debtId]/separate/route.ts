import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { separateMentions, separateMentionsSchema } from '@/lib/entities/debt-decisions';
import { findProposal } from '@/lib/db/queries/resolved-debts';
import { getDebtView } from '@/lib/entities/debt-views';
import { syncClientGraphAfterChange } from '@/lib/graph/sync';
import { parseJsonBody, parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam, debtId: uuidParam });

/** Moves letters that are about another debt out of this one, into a new debt kept apart from it. */
export const POST = route<{ clientId: string; debtId: string }>('user', async ({ request, params: raw, services, user, audit }) => {
  const { clientId, debtId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  const { mentionIds } = await parseJsonBody(request, separateMentionsSchema);

  const separatedId = await separateMentions(services.db, { clientId, debtId, mentionIds, userId: user.id });
  await audit({ action: 'update', targetType: 'debt', targetId: debtId, clientId, details: { separatedDebtId: separatedId, mentions: mentionIds.length } });
  const graphUpdated = await syncClientGraphAfterChange(services, clientId);
  // The decision that keeps the two apart; reopening and accepting it merges them back, the screen's undo.
  const decision = await findProposal(services.db, debtId, separatedId);
  return Response.json(
    { debt: await getDebtView(services.db, { clientId, id: debtId }), separated: await getDebtView(services.db, { clientId, id: separatedId }), proposalId: decision?.id ?? null, graphUpdated },
    { status: 201 },
  );
});
