import { spawn } from 'node:child_process';
import path from 'node:path';
import { AppError } from '../errors';

/** An image ready for the vision model and OCR: upright, PNG, no larger than MODEL_IMAGE_MAX_SIDE. */
export type PreparedImage = { png: Uint8Array; width: number; height: number; originalWidth: number; originalHeight: number };

export type PrepareImageOptions = {
  maxMegapixels: number;
  /** Time limit for decoding, in milliseconds. */
  timeoutMs: number;
  /** Maximum length of the copy's longer side, in pixels. Larger images are scaled down. */
  maxSide?: number;
  signal?: AbortSignal;
};

/**
 * Maximum length of the longer side of the copy given to the vision model and to OCR: about 170 dpi
 * for an A4 page, close to the 200 dpi at which PDF pages are rendered. Vision models such as llava
 * work on much smaller input anyway.
 */
export const MODEL_IMAGE_MAX_SIDE = 2000;

/** Resolved from the working directory: the child script is started by Node at run time, not bundled. */
const workerPath = path.resolve(process.cwd(), 'lib/documents/image-worker.mjs');

const INVALID_MESSAGE = 'This picture cannot be opened: the file is damaged or incomplete. Take or export the picture again and upload it as PNG or JPEG.';

/**
 * Checks an uploaded PNG or JPEG and returns an upright copy scaled to at most `maxSide` pixels.
 * Throws AppError `image_too_large` above `maxMegapixels` (checked from the header, before decoding)
 * and `image_invalid` when the picture cannot be decoded.
 */
export async function prepareImage(bytes: Uint8Array, options: PrepareImageOptions): Promise<PreparedImage> {
  const size = readImageSize(bytes);
  const megapixels = (size.width * size.height) / 1_000_000;
  if (megapixels > options.maxMegapixels) {
    throw new AppError(
      'image_too_large',
      `This picture is ${size.width.toLocaleString('en-GB')} × ${size.height.toLocaleString('en-GB')} pixels (${megapixels.toFixed(1)} megapixels); the limit is ${options.maxMegapixels} megapixels. Resize it, or photograph or scan the page at a lower resolution, and upload it again.`,
    );
  }
  return decodeInChildProcess(bytes, options.maxSide ?? MODEL_IMAGE_MAX_SIDE, options.timeoutMs, options.signal);
}

/** Reads the pixel size from a PNG or JPEG header without decoding. Throws AppError `image_invalid` when there is none. */
export function readImageSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes[0] === 0x89 ? readPngSize(bytes, view) : bytes[0] === 0xff ? readJpegSize(bytes, view) : undefined;
  if (!size || size.width === 0 || size.height === 0) throw new AppError('image_invalid', INVALID_MESSAGE);
  return size;
}

function readPngSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | undefined {
  const isHeaderChunk = bytes.byteLength >= 24 && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR';
  return isHeaderChunk ? { width: view.getUint32(16), height: view.getUint32(20) } : undefined;
}

/** Walks the JPEG markers to the first start-of-frame segment, which contains the size. */
function readJpegSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | undefined {
  let offset = 2;
  while (offset + 4 <= bytes.byteLength) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image or scan data before any frame
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2; // markers without a length
      continue;
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      return offset + 9 <= bytes.byteLength ? { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) } : undefined;
    }
    offset += 2 + view.getUint16(offset + 2);
  }
  return undefined;
}

type WorkerReply = { ok: true; result: PreparedImage } | { ok: false; message: string };

/**
 * Decodes in a child process, because a damaged image can crash the native decoder. A crash, a
 * decoder error or the time limit all mean the picture cannot be used.
 */
function decodeInChildProcess(bytes: Uint8Array, maxSide: number, timeoutMs: number, signal?: AbortSignal): Promise<PreparedImage> {
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    // spawn with an 'ipc' channel is fork() by another name. NOTE: fork() itself breaks `next build`,
    // because Turbopack in Next.js 16.5 resolves its path argument as a module (vercel/next.js#97952).
    const child = spawn(process.execPath, [workerPath], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    let settled = false;

    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      outcome();
    };
    const onAbort = () => finish(() => reject(signal!.reason));
    const timer = setTimeout(() => {
      finish(() => reject(new AppError('image_invalid', `Opening this picture took longer than ${Math.round(timeoutMs / 1000)} seconds, so it was stopped. ${INVALID_MESSAGE}`)));
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });

    child.once('message', (reply: WorkerReply) => {
      if (reply.ok) finish(() => resolve({ ...reply.result, png: new Uint8Array(reply.result.png) }));
      else finish(() => reject(new AppError('image_invalid', INVALID_MESSAGE, { cause: new Error(reply.message) })));
    });
    child.once('error', (error) => finish(() => reject(new AppError('image_invalid', INVALID_MESSAGE, { cause: error }))));
    child.once('exit', (code, exitSignal) => {
      const cause = new Error(`the image decoder exited with ${exitSignal ?? `code ${code}`}`);
      finish(() => reject(new AppError('image_invalid', INVALID_MESSAGE, { cause })));
    });
    // A copy of exactly these bytes: a Buffer may be a view into a larger pool, which would be sent whole.
    child.send({ bytes: new Uint8Array(bytes), maxSide });
  });
}
