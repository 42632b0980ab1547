import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';

/**
 * Stores uploaded files on disk under a folder, named by document id only. The uploaded filename
 * is data kept in the records database and never becomes part of a path.
 */
export class FileStore {
  constructor(private readonly root: string) {}

  private pathFor(documentId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(documentId)) throw new AppError('invalid_request', `Invalid document id "${documentId}".`);
    return path.join(this.root, documentId.slice(0, 2), documentId);
  }

  /** Writes the bytes of a document; the write goes through a temporary file so a crash leaves no partial file. */
  async save(documentId: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathFor(documentId);
    const temporary = `${target}.${crypto.randomUUID()}.part`;
    // A deletion in the same folder may remove it between mkdir and writeFile (see remove), so the folder is made again once.
    for (let attempt = 1; ; attempt++) {
      await fs.mkdir(path.dirname(target), { recursive: true });
      try {
        await fs.writeFile(temporary, bytes);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 2) throw error;
      }
    }
    await fs.rename(temporary, target);
  }

  async read(documentId: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await fs.readFile(this.pathFor(documentId)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AppError('not_found', `The stored file of document ${documentId} is missing. Upload the document again.`, { cause: error });
      }
      throw error;
    }
  }

  /** Deletes a stored file, and its folder once that is empty; a file that is already gone counts as deleted. */
  async remove(documentId: string): Promise<void> {
    const file = this.pathFor(documentId);
    await fs.rm(file, { force: true });
    // rmdir removes only an empty folder; one that still has other documents' files stays.
    await fs.rmdir(path.dirname(file)).catch(() => undefined);
  }

  /** Returns whether a stored file exists, for erasure checks. */
  async exists(documentId: string): Promise<boolean> {
    try {
      await fs.access(this.pathFor(documentId));
      return true;
    } catch {
      return false;
    }
  }
}

export function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
