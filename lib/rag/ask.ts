import { z } from 'zod';
import type { Services } from '../services';
import type { CollectionScope } from '../vectors/chroma';
import { streamAnswer, type AnswerEvent } from './answer';
import { retrievePassages } from './retrieve';

export const askBody = z.object({
  question: z.string().trim().min(3, 'ask a question of at least 3 characters').max(2000, 'must be at most 2,000 characters'),
});

/** Passages given to the model for one answer. */
const PASSAGES_PER_ANSWER = 6;

/** Retrieves passages inside one scope and streams a cited answer from them. */
export async function* askScope(services: Services, scope: CollectionScope, question: string, signal?: AbortSignal): AsyncGenerator<AnswerEvent> {
  const retrieval = await retrievePassages(
    { db: services.db, vectors: services.vectors, embedding: services.models.embedding },
    scope,
    question,
    { limit: PASSAGES_PER_ANSWER, signal },
  );
  yield* streamAnswer({ kind: scope.scope, question, retrieval, textModel: services.models.text, signal });
}
