import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { correctDebt, debtCorrectionSchema } from '@/lib/entities/debt-decisions';
import { getDebtView } from '@/lib/entities/debt-views';
import { AppError } from '@/lib/errors';
import { syncClientGraphAfterChange } from '@/lib/graph/sync';
import { parseJsonBody, parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam, debtId: uuidParam });

/** Corrects fields of a resolved debt, or locks and unlocks them; corrected and locked fields survive re-extraction. */
export const PATCH = route<{ clientId: string; debtId: string }>('user', async ({ request, params: raw, services, user, audit }) => {
  const { clientId, debtId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  const correction = await parseJsonBody(request, debtCorrectionSchema);

  const fields = await correctDebt(services.db, { clientId, debtId, correction });
  await audit({ action: 'update', targetType: 'debt', targetId: debtId, clientId, details: { fields: fields.join(',') } });
  const graphUpdated = await syncClientGraphAfterChange(services, clientId);

  const debt = await getDebtView(services.db, { clientId, id: debtId });
  if (!debt) throw new AppError('not_found', `Debt ${debtId} was not found for this client.`);
  return Response.json({ debt, graphUpdated });
});
