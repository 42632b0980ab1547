import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { AppError, type ErrorCode } from '../errors';
import { moduleLogger } from '../log';

const log = moduleLogger('documents.pdf');

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
  /** Heap limit of the reader process, in megabytes. */
  maxMemoryMb?: number;
};

/**
 * Resolved from the working directory: Node loads the file at run time. A child process rather than
 * a worker thread, because a native crash in @napi-rs/canvas would take a thread's whole process
 * with it, and because Turbopack in Next.js 16.5 rewrites `new Worker(path)` into a bundled worker
 * that fails to start.
 */
const workerPath = path.resolve(process.cwd(), 'lib/documents/pdf-worker.mjs');

const messages: Partial<Record<ErrorCode | 'pdf_too_complex', string>> = {
  pdf_password_required: 'This PDF is password-protected. Enter its password to read it, or upload a copy without a password.',
  pdf_password_incorrect: 'The password for this PDF is incorrect. Check it with the client and try again.',
  pdf_too_complex: 'This PDF needs more memory to read than the server allows, so it was stopped. Print it to a new PDF, or split it, and upload that.',
  pdf_invalid: 'This file is not a readable PDF: it is damaged or incomplete. Ask for the document again, or scan the paper copy.',
};

type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { code: ErrorCode; name: string; message: string } };

/**
 * A PDF opened in its own child process. Every operation has a time limit; when one runs out the
 * process is killed, so a file that hangs pdfjs costs one failed document and nothing more.
 */
export class PdfDocument {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private nextId = 1;
  private closed = false;
  numPages = 0;
  /** True for Adobe LiveCycle (XFA) forms whose pages are empty until Adobe Reader builds them. */
  needsRendering = false;

  private constructor(private readonly timeoutMs: number, maxMemoryMb: number) {
    this.child = spawn(process.execPath, [`--max-old-space-size=${maxMemoryMb}`, workerPath], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    this.child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    this.child.on('message', (reply: WorkerReply) => this.settle(reply));
    this.child.on('error', (error: Error & { code?: string }) => {
      log.warn({ err: { name: error.name, code: error.code, message: error.message } }, 'PDF reader process failed to start');
      this.failAll(new AppError('pdf_invalid', messages.pdf_invalid!, { cause: error }));
    });
    this.child.on('exit', (code, signal) => {
      if (this.closed) return;
      this.closed = true;
      // Exit code 134 or SIGABRT is V8 running out of heap; a signal such as SIGSEGV is a native crash.
      const outOfMemory = code === 134 || signal === 'SIGABRT' || /heap out of memory/i.test(stderr);
      // The reader's own output names modules and limits, never document content; only its size is logged.
      log.warn({ code, signal, outOfMemory, stderrBytes: stderr.length }, 'PDF reader process exited');
      this.failAll(new AppError('pdf_invalid', outOfMemory ? messages.pdf_too_complex! : messages.pdf_invalid!));
    });
  }

  /** Opens a PDF; throws AppError pdf_password_required, pdf_password_incorrect, pdf_invalid or pdf_timeout. */
  static async open(bytes: Uint8Array, options: PdfOpenOptions): Promise<PdfDocument> {
    const pdf = new PdfDocument(options.timeoutMs, options.maxMemoryMb ?? 1024);
    try {
      // A copy of exactly these bytes: a small Node Buffer is a view into a shared 8 KB pool, and
      // Buffer#slice shares memory, so `.buffer` of either would hand the worker the whole pool.
      const copy = new Uint8Array(bytes).buffer;
      const info = (await pdf.request('open', { data: copy, password: options.password })) as { numPages: number; needsRendering: boolean };
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
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  private request(op: string, args: object): Promise<unknown> {
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
      this.child.send({ id, op, args });
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
