import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { letters, type LetterChecks } from '../db/schema';
import type { TextModel } from '../llm/types';
import { moduleLogger } from '../log';
import { streamLetter, type LetterEvent } from './letter';

const log = moduleLogger('letters');

/**
 * Streams a letter and, once finished, files it with the client's case, so the advisor can find it
 * again. A letter for no existing client is not stored: no screen would list it, and erasing a client
 * could not reach it. `onSaved` runs with the saved letter's id (for the audit log), so a letter the
 * model could not write records nothing.
 */
export async function* writeAndSaveLetter(
  deps: { db: Db; textModel: TextModel; onSaved?: (letterId: string) => Promise<void> },
  input: { clientId?: string; clientName: string; notes: string; advisorName?: string; signal?: AbortSignal },
): AsyncGenerator<LetterEvent & { letterId?: string }> {
  let missing: string[] = [];
  let checks: LetterChecks = {};
  for await (const event of streamLetter({ ...input, textModel: deps.textModel })) {
    if (event.type === 'check') {
      missing = event.missingFigures;
      checks = { addedFigures: event.addedFigures, missingSections: event.missingSections, repeatsInstructions: event.repeatsInstructions };
    }
    if (event.type === 'done' && input.clientId) {
      const [saved] = await deps.db
        .insert(letters)
        .values({ clientId: input.clientId ?? null, clientName: input.clientName, notes: input.notes, body: event.letter, missingFigures: missing, checks })
        .returning({ id: letters.id });
      log.info({ letterId: saved.id, clientId: input.clientId, missingFigures: missing.length }, 'letter saved');
      await deps.onSaved?.(saved.id);
      yield { ...event, letterId: saved.id };
      continue;
    }
    yield event;
  }
}

/** A saved letter as the client's page lists it: the text the model wrote, not the advisor's later edits, with the check made then. */
export type SavedLetterView = {
  id: string;
  clientName: string;
  body: string;
  missingFigures: string[];
  addedFigures: string[];
  missingSections: string[];
  repeatsInstructions: boolean;
  createdAt: string;
};

/** Lists the letters written for a client, newest first. */
export async function listClientLetters(db: Db, { clientId }: { clientId: string }): Promise<SavedLetterView[]> {
  const rows = await db
    .select({ id: letters.id, clientName: letters.clientName, body: letters.body, missingFigures: letters.missingFigures, checks: letters.checks, createdAt: letters.createdAt })
    .from(letters)
    .where(eq(letters.clientId, clientId))
    .orderBy(desc(letters.createdAt));
  return rows.map(({ checks, ...row }) => ({
    ...row,
    addedFigures: checks.addedFigures ?? [],
    missingSections: checks.missingSections ?? [],
    repeatsInstructions: checks.repeatsInstructions ?? false,
    createdAt: row.createdAt.toISOString(),
  }));
}
