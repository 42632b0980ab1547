import { listAccounts } from '@/lib/auth/accounts';
import { route } from '@/lib/http';

/** The enabled accounts, for choosing who is assigned to a client. */
export const GET = route('user', async ({ services }) => {
  const accounts = await listAccounts(services.db);
  const advisors = accounts.filter((account) => !account.disabled).map(({ id, name, email, role }) => ({ id, name, email, role }));
  return Response.json({ advisors });
});
