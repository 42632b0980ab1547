import { z } from 'zod';
import { assertClientAccess } from '@/lib/access';
import { listClientDebts } from '@/lib/db/queries/debts';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ clientId: uuidParam });

export const GET = route<{ clientId: string }>('user', async ({ params: raw, services, user, audit }) => {
  const { clientId } = parseParams(raw, params);
  await assertClientAccess(services.db, user, clientId);
  const debts = await listClientDebts(services.db, { clientId });
  await audit({ action: 'view', targetType: 'debts', targetId: clientId, clientId, details: { debts: debts.length } });
  return Response.json({ debts: debts.map((debt) => ({ ...debt, createdAt: debt.createdAt.toISOString() })) });
});
