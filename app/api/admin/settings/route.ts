import { parseJsonBody, route } from '@/lib/http';
import { getSettings, settingsSchema, updateSettings } from '@/lib/settings';

export const GET = route('admin', async ({ services }) => Response.json(await getSettings(services.db)));

export const PATCH = route('admin', async ({ request, services, user, audit }) => {
  const change = await parseJsonBody(request, settingsSchema.partial().strict());
  const settings = await updateSettings(services.db, change, user.id);
  await audit({ action: 'update', targetType: 'settings', targetId: null, details: Object.fromEntries(Object.entries(change)) });
  return Response.json(settings);
});
