import path from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import { createWorker, OEM, PSM, type Block, type Line, type Worker } from 'tesseract.js';
import { getConfig } from '../config';
import { AppError } from '../errors';
import { moduleLogger } from '../log';

const log = moduleLogger('documents.ocr');

export type OcrResult = {
  text: string;
  /** Tesseract's mean word confidence for the page, 0 to 100. */
  confidence: number;
  /** Paragraphs from Tesseract's blocks and lines, with no other structure inferred. */
  markdown: string;
};

export type OcrOptions = {
  /** Time limit for one page, in milliseconds. The worker is stopped when it runs out. */
  timeoutMs: number;
  signal?: AbortSignal;
};

/**
 * English data from the @tesseract.js-data/eng package, never a CDN, so OCR works offline. Resolved
 * from the working directory because bundlers rewrite module paths; `next start` and the tests run
 * from the repository root.
 */
const LANG_PATH = path.resolve(process.cwd(), 'node_modules/@tesseract.js-data/eng/4.0.0_best_int');
/**
 * White space between two lines, in heights of the smaller line, that starts a new paragraph. Lines
 * of one paragraph touch or overlap in Tesseract's boxes, while paragraphs are about a line apart.
 */
const PARAGRAPH_GAP_LINES = 0.5;
/**
 * Smallest tilt, in radians (about 1.7 degrees), that is straightened before reading. Tesseract mixes
 * up the lines of a photo tilted by 5 degrees, but straightening a page tilted by less than this lost
 * more characters than it saved on the synthetic photos.
 */
const MIN_DESKEW_RADIANS = 0.03;

/**
 * Tesseract workers, created on first use and kept for later pages. Each runs one page at a time, and
 * at most OCR_WORKERS exist because each uses about 100 MB.
 */
let idleWorkers: Worker[] = [];
let limit: LimitFunction | undefined;
/** Bumped by shutdownOcr, so that workers busy at that moment are stopped when their page ends. */
let generation = 0;

/** Reads a page image (PNG or JPEG bytes) with Tesseract. */
export function recognizePage(image: Uint8Array, options: OcrOptions): Promise<OcrResult> {
  limit ??= pLimit(getConfig().OCR_WORKERS);
  return limit(async () => {
    options.signal?.throwIfAborted();
    const workerGeneration = generation;
    const worker = idleWorkers.pop() ?? (await startWorker());
    try {
      const result = await recognizeWithTimeout(worker, image, options.timeoutMs);
      if (workerGeneration === generation) idleWorkers.push(worker);
      else await stopWorker(worker);
      return result;
    } catch (error) {
      // A worker that failed or timed out may be stuck inside WebAssembly, so it is never reused.
      await stopWorker(worker);
      throw error;
    }
  });
}

/** Stops every idle Tesseract worker now and every busy one when its page ends. Later pages start new workers. */
export async function shutdownOcr(): Promise<void> {
  generation += 1;
  const workers = idleWorkers;
  idleWorkers = [];
  await Promise.all(workers.map(stopWorker));
}

async function startWorker(): Promise<Worker> {
  const started = Date.now();
  try {
    const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath: LANG_PATH, gzip: true, cacheMethod: 'none', logger: () => {} });
    // tesseract.js 7 treats the page as one uniform block of text by default, and then finds nothing on
    // sparse pages such as a form with a few words in a table. The Tesseract CLI default, automatic
    // page segmentation, reads them. Tesseract's own messages ("Estimating resolution as 187") would
    // otherwise go to the console between the app's JSON log lines.
    await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, debug_file: '/dev/null' });
    log.debug({ ms: Date.now() - started }, 'tesseract worker started');
    return worker;
  } catch (error) {
    log.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'tesseract worker failed to start');
    throw new AppError('internal', `Tesseract OCR could not start (English data expected in ${LANG_PATH}). Run "npm ci" to restore it.`, { cause: error });
  }
}

async function stopWorker(worker: Worker): Promise<void> {
  try {
    await worker.terminate();
  } catch (error) {
    log.warn({ err: { name: (error as Error).name } }, 'tesseract worker did not stop cleanly');
  }
}

async function recognizeWithTimeout(worker: Worker, image: Uint8Array, timeoutMs: number): Promise<OcrResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new AppError('internal', `OCR of this page took longer than ${Math.round(timeoutMs / 1000)} seconds, so it was stopped. Try a clearer scan of the page.`));
    }, timeoutMs);
  });
  try {
    // tesseract.js reads a string as a file path or URL, so the bytes always go as a Buffer.
    const picture = Buffer.from(image);
    const read = async () => {
      // With no text asked for, Tesseract only finds the lines and measures their tilt.
      const { data: layout } = await worker.recognize(picture, { rotateAuto: true }, { text: false });
      const tilt = layout.rotateRadians ?? 0;
      return worker.recognize(picture, { rotateRadians: Math.abs(tilt) >= MIN_DESKEW_RADIANS ? tilt : 0 }, { text: true, blocks: true });
    };
    const { data } = await Promise.race([read(), timeout]);
    return { text: data.text.trim(), confidence: data.confidence, markdown: blocksToMarkdown(data.blocks ?? []) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Writes Tesseract's paragraphs as markdown paragraphs, one printed line per line. Tesseract often
 * returns a whole page as one paragraph, so a paragraph is also split where two lines have white
 * space between them. Lines without a letter or digit (rules, specks) are left out.
 */
export function blocksToMarkdown(blocks: Block[]): string {
  const paragraphs: string[][] = [];
  for (const block of blocks) {
    for (const paragraph of block.paragraphs) {
      let current: string[] = [];
      let previous: Line | undefined;
      for (const line of paragraph.lines) {
        const text = escapeLineStart(line.text.replace(/\s+/g, ' ').trim());
        if (!/[\p{L}\p{N}]/u.test(text)) continue;
        if (previous && startsNewParagraph(previous, line) && current.length > 0) {
          paragraphs.push(current);
          current = [];
        }
        current.push(text);
        previous = line;
      }
      if (current.length > 0) paragraphs.push(current);
    }
  }
  return paragraphs.map((lines) => lines.join('\n')).join('\n\n');
}

/**
 * Keeps an OCR line as text when markdown would read its start as structure: "0455." or "2026." is
 * a number, not a numbered list (which would drop the leading zero), and a stray "#" or ">" is not a
 * heading or a quote.
 */
export function escapeLineStart(text: string): string {
  return text.replace(/^(\d+)([.)])(\s|$)/, '$1\\$2$3').replace(/^([#>])/, '\\$1');
}

function startsNewParagraph(previous: Line, line: Line): boolean {
  const lineHeight = Math.max(Math.min(previous.bbox.y1 - previous.bbox.y0, line.bbox.y1 - line.bbox.y0), 1);
  return line.bbox.y0 - previous.bbox.y1 > PARAGRAPH_GAP_LINES * lineHeight;
}
