import { expect, test } from 'vitest';
import { extractionWarnings } from './extract';
import { ExtractionModelBreaker } from './model-breaker';
import type { ExtractionResult } from './types';

const result = (source: ExtractionResult['source'], warnings: string[] = []): ExtractionResult => ({ documentType: 'other', priority: null, debts: [], facts: [], source, warnings }) as unknown as ExtractionResult;
const unusable = result('rules', [extractionWarnings.modelOutputInvalid]);
const minutes = (count: number) => count * 60 * 1000;
const UNUSABLE_IN_A_ROW = 3;
const PAUSE_MINUTES = 15;

test('repeated unusable answers pause the model', () => {
  const breaker = new ExtractionModelBreaker(UNUSABLE_IN_A_ROW, PAUSE_MINUTES);
  for (let document = 1; document < UNUSABLE_IN_A_ROW; document++) breaker.record(unusable, 0);
  expect(breaker.allowsModel(0)).toBe(true);

  breaker.record(unusable, 0);
  expect(breaker.allowsModel(minutes(PAUSE_MINUTES) - 1)).toBe(false);
  expect(breaker.allowsModel(minutes(PAUSE_MINUTES))).toBe(true);
});

test('a usable answer resets the count', () => {
  const breaker = new ExtractionModelBreaker(UNUSABLE_IN_A_ROW, PAUSE_MINUTES);
  for (let document = 1; document < UNUSABLE_IN_A_ROW; document++) breaker.record(unusable, 0);
  breaker.record(result('model'), 0);
  breaker.record(unusable, 0);
  expect(breaker.allowsModel(0)).toBe(true);
});

test('an unreachable model does not count', () => {
  const breaker = new ExtractionModelBreaker(UNUSABLE_IN_A_ROW, PAUSE_MINUTES);
  for (let document = 0; document < UNUSABLE_IN_A_ROW; document++) breaker.record(result('rules', [extractionWarnings.modelUnavailable]), 0);
  expect(breaker.allowsModel(0)).toBe(true);
});

test('zero never pauses', () => {
  const breaker = new ExtractionModelBreaker(0, PAUSE_MINUTES);
  for (let document = 0; document < 10; document++) breaker.record(unusable, 0);
  expect(breaker.allowsModel(0)).toBe(true);
});
