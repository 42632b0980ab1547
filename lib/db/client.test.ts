import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { parseConfig } from '../config';
import { lockFolder, openDatabase } from './client';

const folders: string[] = [];
function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rma-lock-'));
  folders.push(folder);
  return path.join(folder, 'pglite');
}
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

test('lock held by a running process rejects', async () => {
  const dir = tempFolder();
  const other = spawn('sleep', ['30']);
  try {
    fs.writeFileSync(`${dir}.lock`, String(other.pid));
    expect(() => lockFolder(dir)).toThrow(`in use by another process (process ${other.pid})`);
    await expect(openDatabase(parseConfig({}), { pgliteDir: dir })).rejects.toThrow(/Stop that process first/);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(other.pid));
  } finally {
    other.kill();
  }
});

test('lock of an ended process is taken over', async () => {
  const dir = tempFolder();
  const ended = spawnSync('true');
  fs.writeFileSync(`${dir}.lock`, String(ended.pid));

  const database = await openDatabase(parseConfig({}), { pgliteDir: dir });
  expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
  await database.close();
  expect(fs.existsSync(`${dir}.lock`)).toBe(false);
});
