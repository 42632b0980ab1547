import type { DocumentScope } from '@/lib/client/queries';
import { readTabItem, writeTabItem } from '@/lib/client/tabStorage';
import type { Source } from '@/lib/client/types';

/** The reason no answer was written: the code and message of the stream's fallback event. */
export type AnswerFallback = { code: string; message: string };

/** A finished answer as the panel shows it, without the stream's progress. */
export type FinishedAnswer = {
  sources: Source[];
  methods: string[];
  warnings: string[];
  text: string;
  fallback: AnswerFallback | null;
  cited: number[];
};

/** The last question asked in a scope and, once it finished, its answer. */
export type SavedAnswer = { question: string; answer: FinishedAnswer | null };

function storageKey(scope: DocumentScope): string {
  return scope.kind === 'client' ? `answer.client.${scope.clientId}` : 'answer.knowledge';
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

function isSource(value: unknown): value is Source {
  if (typeof value !== 'object' || value === null) return false;
  const source = value as Record<string, unknown>;
  return typeof source.n === 'number' && isString(source.chunkId) && isString(source.documentId) && isString(source.documentName) && typeof source.pageNumber === 'number' && isString(source.excerpt);
}

function isFallback(value: unknown): value is AnswerFallback {
  if (typeof value !== 'object' || value === null) return false;
  const fallback = value as Record<string, unknown>;
  return isString(fallback.code) && isString(fallback.message);
}

function isFinishedAnswer(value: unknown): value is FinishedAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as Record<string, unknown>;
  return (
    Array.isArray(answer.sources) &&
    answer.sources.every(isSource) &&
    isStringArray(answer.methods) &&
    isStringArray(answer.warnings) &&
    isString(answer.text) &&
    (answer.fallback === null || isFallback(answer.fallback)) &&
    Array.isArray(answer.cited) &&
    answer.cited.every((n) => typeof n === 'number')
  );
}

/** Returns the scope's saved question and answer, or null when there is none or it no longer has the expected shape. */
export function readSavedAnswer(scope: DocumentScope): SavedAnswer | null {
  const stored = readTabItem(storageKey(scope));
  if (typeof stored !== 'object' || stored === null) return null;
  const { question, answer } = stored as Record<string, unknown>;
  if (!isString(question)) return null;
  return { question, answer: isFinishedAnswer(answer) ? answer : null };
}

/** Replaces the scope's saved question and answer. A full or disabled storage only means Back cannot restore them. */
export function saveAnswer(scope: DocumentScope, saved: SavedAnswer): void {
  writeTabItem(storageKey(scope), saved);
}
