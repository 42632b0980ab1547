import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { samplePath } from '@/lib/documents/test-samples';
import { findFigures, missingFigures } from './figures';

type NotesSample = { id: string; notes: string; mustKeep: string[] };
const samples: NotesSample[] = JSON.parse(fs.readFileSync(samplePath('notes/notes.json'), 'utf8'));

describe('findFigures', () => {
  test.each(samples)('finds every figure of $id', (sample) => {
    const found = findFigures(sample.notes).map((figure) => figure.raw.toLowerCase());
    for (const figure of sample.mustKeep) {
      expect(found.some((raw) => raw.includes(figure.toLowerCase()) || figure.toLowerCase().includes(raw))).toBe(true);
    }
  });
});

describe('missingFigures', () => {
  test('notes copied whole miss nothing', () => {
    for (const sample of samples) expect(missingFigures(sample.notes, sample.notes)).toEqual([]);
  });

  test('other formats of a figure count as kept', () => {
    const notes = 'Wages £1,820 net. Next appointment 14 Dec. Hearing 9/12/2026.';
    const letter = 'Your wages are £1,820.00 a month. We will see you on 14 December. The hearing is on 9 December 2026.';
    expect(missingFigures(notes, letter)).toEqual([]);
  });

  test('dropped figures are listed once', () => {
    const notes = 'Arrears £612.09 and £612.09 again; catalogue £486.00; see you 14 Dec.';
    const letter = 'You owe £612.09 for energy.';
    expect(missingFigures(notes, letter)).toEqual(['£486.00', '14 Dec']);
  });

  test('a changed amount is missing', () => {
    expect(missingFigures('Council tax £1,694.72', 'Council tax £1,694.27')).toEqual(['£1,694.72']);
  });
});
