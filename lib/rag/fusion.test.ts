import { expect, test } from 'vitest';
import { reciprocalRankFusion } from './fusion';

test('fusion favours ids in both rankings', () => {
  const fused = reciprocalRankFusion([
    ['a', 'b', 'c'],
    ['d', 'b', 'e'],
  ]);
  expect(fused[0]).toBe('b');
  expect(fused).toHaveLength(5);
});

test('fusion of one ranking keeps its order', () => {
  expect(reciprocalRankFusion([['x', 'y', 'z']])).toEqual(['x', 'y', 'z']);
});

test('fusion of no rankings is empty', () => {
  expect(reciprocalRankFusion([[], []])).toEqual([]);
});
