import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { listDebtViews } from '@/lib/entities/debt-views';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam });

/** Lists the client's debts, each counted once however many letters mention it, with its balance history and totals. */
export const GET = route<{ clientId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  const { debts, totals } = await listDebtViews(services.db, { clientId });
  await audit({ action: 'view', targetType: 'debts', targetId: clientId, clientId, details: { debts: debts.length } });
  return Response.json({ debts, totals });
});
