import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../errors';

/** One run of text on a PDF page, in PDF points with the origin at the bottom left. */
export type PdfTextItem = { str: string; x: number; y: number; width: number; fontSize: number; hasEOL: boolean };
export type PdfPageText = { width: number; height: number; items: PdfTextItem[] };
export type RenderedPage = { png: Uint8Array; width: number; height: number };

/** Joins a page's text runs into plain text, one line per end-of-line mark. */
export function plainTextOf(page: PdfPageText): string {
  return page.items.map((item) => item.str + (item.hasEOL ? '\n' : ' ')).join('');
}

export type PdfOpenOptions = {
  password?: string;
  /** Time limit for each operation (open, read a page, render a page), in milliseconds. */
  timeoutMs: number;
  /** Heap limit of the worker thread, in megabytes. */
  maxMemoryMb?: number;
};

/** Resolved from the working directory: the worker file is loaded by Node at run time, not bundled. */
const workerPath = path.resolve(process.cwd(), 'lib/documents/pdf-worker.mjs');

const messages: Partial<Record<ErrorCode, string>> = {
  pdf_password_required: 'This PDF is password-protected. Enter its password to read it, or upload a copy without a password.',
  pdf_password_incorrect: 'The password for this PDF is incorrect. Check it with the client and try again.',
  pdf_invalid: 'This file is not a readable PDF: it is damaged or incomplete. Ask for the document again, or scan the paper copy.',
};

type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { code: ErrorCode; name: string; message: string } };

/**
 * A PDF opened in its own worker thread. Every operation has a time limit; when one runs out the
 * worker is terminated, so a file that hangs pdfjs costs one failed document and nothing more.
 */
export class PdfDocument {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private nextId = 1;
  private closed = false;
  numPages = 0;
  /** True for Adobe LiveCycle (XFA) forms whose pages are empty until Adobe Reader builds them. */
  needsRendering = false;

  private constructor(private readonly timeoutMs: number, maxMemoryMb: number) {
    this.worker = new Worker(workerPath, { resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } });
    this.worker.on('message', (reply: WorkerReply) => this.settle(reply));
    this.worker.on('error', (error) => this.failAll(new AppError('pdf_invalid', messages.pdf_invalid!, { cause: error })));
    this.worker.on('exit', () => this.failAll(new AppError('pdf_invalid', messages.pdf_invalid!)));
  }

  /** Opens a PDF; throws AppError pdf_password_required, pdf_password_incorrect, pdf_invalid or pdf_timeout. */
  static async open(bytes: Uint8Array, options: PdfOpenOptions): Promise<PdfDocument> {
    const pdf = new PdfDocument(options.timeoutMs, options.maxMemoryMb ?? 1024);
    try {
      // A copy of exactly these bytes: a small Node Buffer is a view into a shared 8 KB pool, and
      // Buffer#slice shares memory, so `.buffer` of either would hand the worker the whole pool.
      const copy = new Uint8Array(bytes).buffer;
      const info = (await pdf.request('open', { data: copy, password: options.password }, [copy])) as { numPages: number; needsRendering: boolean };
      pdf.numPages = info.numPages;
      pdf.needsRendering = info.needsRendering;
      return pdf;
    } catch (error) {
      await pdf.close();
      throw error;
    }
  }

  /** Returns the text items of a page (1-based). */
  readText(pageNumber: number): Promise<PdfPageText> {
    return this.request('text', { pageNumber }) as Promise<PdfPageText>;
  }

  /** Renders a page (1-based) to PNG at the given resolution in dots per inch. */
  async render(pageNumber: number, dpi: number): Promise<RenderedPage> {
    const result = (await this.request('render', { pageNumber, dpi })) as { png: ArrayBuffer; width: number; height: number };
    return { png: new Uint8Array(result.png), width: result.width, height: result.height };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }

  private request(op: string, args: object, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.closed) return Promise.reject(new AppError('pdf_invalid', 'The PDF reader was already closed.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AppError('pdf_timeout', `Reading this PDF took longer than ${Math.round(this.timeoutMs / 1000)} seconds, so it was stopped. The file may be damaged; try printing it to a new PDF and uploading that.`));
        void this.close();
      }, this.timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.worker.postMessage({ id, op, args }, transfer);
    });
  }

  private settle(reply: WorkerReply): void {
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new AppError(reply.error.code, messages[reply.error.code] ?? messages.pdf_invalid!));
  }

  private failAll(error: AppError): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}
