import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db/client';
import { settings } from './db/schema';

/** Centre-wide settings admins change in the app, each with its default. */
export const settingsSchema = z.object({
  /** When true, every advisor sees every client; when false, only the clients assigned to them. */
  advisorsSeeAllClients: z.boolean().default(false),
  /** When true, advisors assigned to a client may erase it; when false, only admins erase clients. */
  advisorsEraseClients: z.boolean().default(true),
});

export type CentreSettings = z.infer<typeof settingsSchema>;

export async function getSettings(db: Db): Promise<CentreSettings> {
  const rows = await db.select().from(settings);
  return settingsSchema.parse(Object.fromEntries(rows.map((row) => [row.key, row.value])));
}

export async function updateSettings(db: Db, change: Partial<CentreSettings>, userId: string): Promise<CentreSettings> {
  const parsed = settingsSchema.partial().parse(change);
  for (const [key, value] of Object.entries(parsed)) {
    if (value === undefined) continue;
    await db
      .insert(settings)
      .values({ key, value, updatedBy: userId })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: userId, updatedAt: sql`now()` } });
  }
  return getSettings(db);
}

export async function getSetting<K extends keyof CentreSettings>(db: Db, key: K): Promise<CentreSettings[K]> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return settingsSchema.shape[key].parse(row?.value) as CentreSettings[K];
}
