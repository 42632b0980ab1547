import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { chunks } from '@/lib/db/schema';

/** Returns every chunk row of a document, for checks that deletion left none. */
export async function listChunksForTest(db: Db, documentId: string) {
  return db.select({ id: chunks.id }).from(chunks).where(eq(chunks.documentId, documentId));
}
