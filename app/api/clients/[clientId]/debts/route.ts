import { z } from 'zod';
import { getClientOrThrow } from '@/lib/clients';
import { listClientDebts } from '@/lib/db/queries/debts';
import { parseParams, route, uuidParam } from '@/lib/http';
import { getServices } from '@/lib/services';

const params = z.object({ clientId: uuidParam });

export const GET = route<{ clientId: string }>(async (_request, rawParams) => {
  const { clientId } = parseParams(rawParams, params);
  const services = await getServices();
  await getClientOrThrow(services, clientId);
  const debts = await listClientDebts(services.db, { clientId });
  return Response.json({ debts: debts.map((debt) => ({ ...debt, createdAt: debt.createdAt.toISOString() })) });
});
