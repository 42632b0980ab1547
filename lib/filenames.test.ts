import { expect, test } from 'vitest';
import { datedFilename } from './filenames';

test('names become safe slugs', () => {
  expect(datedFilename('letter', 'Ms Zoë O’Neill', 'txt')).toMatch(/^letter-ms-zoe-o-neill-\d{4}-\d{2}-\d{2}\.txt$/);
});

test('empty names fall back', () => {
  expect(datedFilename('graph', '***', 'csv')).toMatch(/^graph-client-\d{4}-\d{2}-\d{2}\.csv$/);
});

test('a given day replaces today', () => {
  expect(datedFilename('upload-link', 'Jane Doe', 'png', 'until-2026-12-12')).toBe('upload-link-jane-doe-until-2026-12-12.png');
});
