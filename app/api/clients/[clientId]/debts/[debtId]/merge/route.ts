import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { mergeDebts, mergeDebtsSchema } from '@/lib/entities/debt-decisions';
import { getDebtView } from '@/lib/entities/debt-views';
import { syncClientGraphAfterChange } from '@/lib/graph/sync';
import { parseJsonBody, parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam, debtId: uuidParam });

/** Merges another of the client's debts into this one, which keeps its id and takes the other's letters. */
export const POST = route<{ clientId: string; debtId: string }>('user', async ({ request, params: raw, services, user, audit }) => {
  const { clientId, debtId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  const { otherDebtId } = await parseJsonBody(request, mergeDebtsSchema);
  await mergeDebts(services.db, { clientId, debtId, otherDebtId, userId: user.id });
  await audit({ action: 'update', targetType: 'debt', targetId: debtId, clientId, details: { decision: 'merged', mergedDebtId: otherDebtId } });
  const graphUpdated = await syncClientGraphAfterChange(services, clientId);
  return Response.json({ debt: await getDebtView(services.db, { clientId, id: debtId }), graphUpdated });
});
