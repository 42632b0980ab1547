import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { parseConfig } from '../config';
import { lockFolder, openDatabase } from './client';
import { createClient, deleteClientById } from './queries/clients';
import { createDocument, savePage } from './queries/documents';

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

/** Lists the files under a folder that contain the text. */
function filesContaining(folder: string, text: string): string[] {
  const needle = Buffer.from(text);
  const found: string[] = [];
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(needle)) found.push(path.relative(folder, file));
  }
  return found;
}

test('purge leaves no erased text on disk', async () => {
  const dir = tempFolder();
  const name = 'Corinne Ashdale';
  const database = await openDatabase(parseConfig({}), { pgliteDir: dir });
  const client = await createClient(database.db, { name });
  const document = await createDocument(database.db, { scope: 'client', clientId: client.id, filename: 'letter.pdf', mimeType: 'application/pdf', sizeBytes: 1, sha256: '0'.repeat(64) });
  await savePage(database.db, { documentId: document.id, pageNumber: 1, method: 'text-layer', markdown: `Dear ${name},\n\nYour council tax account is in arrears.` });
  await createClient(database.db, { name: 'Another Client Kept' });
  await database.db.execute('CHECKPOINT');
  expect(filesContaining(dir, name).length).toBeGreaterThan(0);

  await deleteClientById(database.db, { id: client.id });
  await database.purgeDeletedRows();
  await database.close();

  expect(filesContaining(dir, name)).toEqual([]);
  expect(filesContaining(dir, 'Another Client Kept').length).toBeGreaterThan(0);
});
