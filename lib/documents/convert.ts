import { AppError, isAppError } from '../errors';
import type { VisionModel } from '../llm/types';
import { moduleLogger } from '../log';
import { detectFileType, type SupportedMimeType } from './file-type';
import { prepareImage } from './images';
import { pageTextToMarkdown } from './markdown';
import { recognizePage } from './ocr';
import { PdfDocument, plainTextOf } from './pdf';
import { assessTextLayer } from './text-quality';
import { checkVisionOutput, VISION_PROMPT } from './vision';

const log = moduleLogger('documents.convert');

export type PageMethod = 'text-layer' | 'vision' | 'ocr' | 'none';
export type ConvertedPage = { pageNumber: number; markdown: string; method: PageMethod; note?: string };

export type ConvertLimits = {
  maxPages: number;
  maxImageMegapixels: number;
  /** Time limit for each step on one page (reading, rendering, decoding, OCR), in milliseconds. */
  pageTimeoutMs: number;
};

export type ConvertOptions = {
  /** null skips the vision model: pages without a usable text layer go straight to OCR. */
  vision: VisionModel | null;
  password?: string;
  signal?: AbortSignal;
  limits: ConvertLimits;
  onPageCount?: (total: number) => void | Promise<void>;
  onPage?: (page: ConvertedPage, done: number, total: number) => void | Promise<void>;
};

export type ConvertResult = { mimeType: SupportedMimeType; pages: ConvertedPage[]; warnings: string[] };

export type OcrImageOptions = {
  vision: VisionModel | null;
  signal?: AbortSignal;
  limits: Pick<ConvertLimits, 'maxImageMegapixels' | 'pageTimeoutMs'>;
};

export type OcrImageResult = { text: string; markdown: string; method: PageMethod; note?: string };

/**
 * Rendering resolution for pages read from their picture: 200 dpi suits both Tesseract and vision
 * models. Pages larger than A4 or Letter are rendered at less, so the long side stays within
 * MAX_RENDER_SIDE pixels.
 */
const RENDER_DPI = 200;
const MAX_RENDER_SIDE = 2400;

/**
 * Turns a PDF, PNG or JPEG into markdown page by page. A PDF page with a usable text layer is read
 * from it. Any other page is rendered and read by the vision model, or by Tesseract when the vision
 * model is unavailable or missing, or its output is empty or looping. The signal is checked between
 * pages. Throws AppError for files that cannot be read, and `no_text_found` when no page yields text.
 */
export async function convertDocument(bytes: Uint8Array, options: ConvertOptions): Promise<ConvertResult> {
  options.signal?.throwIfAborted();
  const { mimeType } = detectFileType(bytes);
  const reader = new PictureReader(options.vision, options.limits.pageTimeoutMs, options.signal);

  const pages = mimeType === 'application/pdf' ? await convertPdf(bytes, options, reader) : await convertImage(bytes, options, reader);

  if (pages.every((page) => page.markdown.trim() === '')) throw noTextFound(pages);
  log.info({ mimeType, pages: pages.length, methods: countMethods(pages) }, 'document converted');
  return { mimeType, pages, warnings: summariseNotes(pages) };
}

/** Reads one picture (PNG or JPEG) for the OCR endpoint: the vision model first, Tesseract as the fallback. */
export async function ocrImage(bytes: Uint8Array, options: OcrImageOptions): Promise<OcrImageResult> {
  const { mimeType } = detectFileType(bytes);
  if (mimeType === 'application/pdf') {
    throw new AppError('unsupported_file_type', 'This is a PDF, and OCR here reads pictures only. Upload a PNG or JPEG, or send the PDF to the conversion endpoint instead.');
  }

  const image = await prepareImage(bytes, { maxMegapixels: options.limits.maxImageMegapixels, timeoutMs: options.limits.pageTimeoutMs, signal: options.signal });
  const reader = new PictureReader(options.vision, options.limits.pageTimeoutMs, options.signal);
  const read = await reader.read(image.png, []);
  if (read.markdown.trim() === '') throw noTextFound([{ pageNumber: 1, ...read }]);
  return { text: read.method === 'ocr' ? read.text : plainTextFromMarkdown(read.markdown), markdown: read.markdown, method: read.method, note: read.note };
}

async function convertPdf(bytes: Uint8Array, options: ConvertOptions, reader: PictureReader): Promise<ConvertedPage[]> {
  const pdf = await PdfDocument.open(bytes, { password: options.password, timeoutMs: options.limits.pageTimeoutMs });
  try {
    if (pdf.numPages > options.limits.maxPages) {
      throw new AppError('pdf_too_many_pages', `This PDF has ${pdf.numPages} pages; the limit is ${options.limits.maxPages}. Split it into smaller PDFs and upload them one by one.`);
    }
    // The pages of an Adobe LiveCycle (dynamic XFA) form are a placeholder that only Adobe Reader
    // replaces with the real form, so whatever another reader finds on them is not the document.
    if (pdf.needsRendering) {
      throw new AppError('pdf_needs_rendering', 'This PDF is an Adobe LiveCycle form whose pages only Adobe Reader can build, so it has no readable content here. Open it in Adobe Reader and print it to a new PDF, then upload that; or scan the paper copy.');
    }
    await options.onPageCount?.(pdf.numPages);

    const pages: ConvertedPage[] = [];
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      options.signal?.throwIfAborted();
      const page = await convertPdfPage(pdf, pageNumber, reader);
      pages.push(page);
      await options.onPage?.(page, pageNumber, pdf.numPages);
    }
    return pages;
  } finally {
    await pdf.close();
  }
}

async function convertPdfPage(pdf: PdfDocument, pageNumber: number, reader: PictureReader): Promise<ConvertedPage> {
  const text = await pdf.readText(pageNumber);
  const quality = assessTextLayer(plainTextOf(text));
  if (quality.verdict === 'usable') return { pageNumber, markdown: pageTextToMarkdown(text), method: 'text-layer' };

  const reasons = quality.verdict === 'junk' ? ['text layer unreadable'] : [];
  const dpi = Math.min(RENDER_DPI, (MAX_RENDER_SIDE * 72) / Math.max(text.width, text.height));
  const rendered = await pdf.render(pageNumber, dpi);
  const read = await reader.read(rendered.png, reasons);
  return { pageNumber, markdown: read.markdown, method: read.method, note: read.note };
}

async function convertImage(bytes: Uint8Array, options: ConvertOptions, reader: PictureReader): Promise<ConvertedPage[]> {
  const image = await prepareImage(bytes, { maxMegapixels: options.limits.maxImageMegapixels, timeoutMs: options.limits.pageTimeoutMs, signal: options.signal });
  await options.onPageCount?.(1);
  const read = await reader.read(image.png, []);
  const page: ConvertedPage = { pageNumber: 1, markdown: read.markdown, method: read.method, note: read.note };
  await options.onPage?.(page, 1, 1);
  return [page];
}

type PictureRead = { markdown: string; text: string; method: PageMethod; note?: string };

/**
 * Reads page pictures of one document: the vision model first, Tesseract when it fails. Once the
 * vision server is unreachable, times out or lacks the model, later pages go straight to Tesseract
 * rather than waiting for the same failure again.
 */
class PictureReader {
  private visionDownReason: string | undefined;

  constructor(
    private readonly vision: VisionModel | null,
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Reads one picture. `reasons` are earlier notes for the page, such as an unreadable text layer. */
  async read(png: Uint8Array, reasons: string[]): Promise<PictureRead> {
    const notes = [...reasons];

    if (this.vision && this.visionDownReason) notes.push(this.visionDownReason);
    if (this.vision && !this.visionDownReason) {
      const outcome = await this.transcribe(this.vision, png);
      if ('markdown' in outcome) return { markdown: outcome.markdown, text: outcome.markdown, method: 'vision', note: joinNotes(notes) };
      notes.push(outcome.failure);
    }

    this.signal?.throwIfAborted();
    const ocr = await recognizePage(png, { timeoutMs: this.timeoutMs, signal: this.signal });
    if (ocr.markdown.trim() === '') return { markdown: '', text: '', method: 'none', note: joinNotes([...notes, 'OCR found no text']) };
    return { markdown: ocr.markdown, text: ocr.text, method: 'ocr', note: joinNotes(notes) };
  }

  private async transcribe(vision: VisionModel, png: Uint8Array): Promise<{ markdown: string } | { failure: string }> {
    try {
      const check = checkVisionOutput(await vision.transcribe(png, VISION_PROMPT, { signal: this.signal }));
      if (check.ok) return { markdown: check.markdown };
      return { failure: `vision output was ${check.reason}` };
    } catch (error) {
      if (this.signal?.aborted) throw this.signal.reason;
      if (!isAppError(error) || !['model_unavailable', 'model_missing', 'model_output_invalid'].includes(error.code)) throw error;

      const failure = describeVisionFailure(error);
      log.warn({ code: error.code, failure: failure.note }, 'vision model failed; reading the page with OCR');
      if (failure.affectsLaterPages) this.visionDownReason = failure.note;
      return { failure: failure.note };
    }
  }
}

/** A failed vision call: a note for the page, and whether later pages would fail the same way. */
type VisionFailure = { note: string; affectsLaterPages: boolean };

/** Describes a failed vision call in a few words, for page notes and document warnings. */
function describeVisionFailure(error: AppError): VisionFailure {
  if (error.code === 'model_missing') return { note: 'vision model not installed', affectsLaterPages: true };
  if (error.code === 'model_output_invalid') return { note: 'vision output was invalid', affectsLaterPages: false };
  const cause = error.cause as { name?: string; status_code?: number } | undefined;
  if (cause?.name === 'TimeoutError') return { note: 'vision model timed out', affectsLaterPages: true };
  // An HTTP error may come from this page alone, such as the runner running out of memory on it.
  if (cause?.status_code !== undefined) return { note: 'vision server returned an error', affectsLaterPages: false };
  return { note: 'vision server unreachable', affectsLaterPages: true };
}

function joinNotes(notes: string[]): string | undefined {
  return notes.length > 0 ? notes.join('; ') : undefined;
}

/** Writes one warning per reason, naming its pages: "Vision server unreachable on pages 1–3: read by OCR (Tesseract) instead." */
function summariseNotes(pages: ConvertedPage[]): string[] {
  const pagesByReason = new Map<string, { pages: number[]; methods: Set<PageMethod> }>();
  for (const page of pages) {
    for (const reason of page.note?.split('; ') ?? []) {
      const entry = pagesByReason.get(reason) ?? { pages: [], methods: new Set() };
      entry.pages.push(page.pageNumber);
      entry.methods.add(page.method);
      pagesByReason.set(reason, entry);
    }
  }

  return [...pagesByReason].map(([reason, entry]) => {
    const where = pages.length === 1 ? '' : ` on ${describePages(entry.pages)}`;
    const sentence = `${reason[0].toUpperCase()}${reason.slice(1)}${where}`;
    return `${sentence}: ${outcomeOf(entry.methods)}.`;
  });
}

function outcomeOf(methods: Set<PageMethod>): string {
  if (methods.size === 1 && methods.has('none')) return 'no text could be read';
  if (methods.size === 1 && methods.has('vision')) return 'read by the vision model instead';
  if (methods.size === 1 && methods.has('ocr')) return 'read by OCR (Tesseract) instead';
  if (!methods.has('vision')) return 'read by OCR (Tesseract) instead where it found text';
  return 'read from the page picture instead where possible';
}

/** Lists page numbers as ranges: "page 2", "pages 1–3, 5". */
function describePages(numbers: number[]): string {
  const ranges: string[] = [];
  for (let index = 0; index < numbers.length; ) {
    let end = index;
    while (end + 1 < numbers.length && numbers[end + 1] === numbers[end] + 1) end += 1;
    ranges.push(end > index ? `${numbers[index]}–${numbers[end]}` : `${numbers[index]}`);
    index = end + 1;
  }
  return `${numbers.length === 1 ? 'page' : 'pages'} ${ranges.join(', ')}`;
}

function noTextFound(pages: ConvertedPage[]): AppError {
  const tried = [...new Set(pages.flatMap((page) => page.note?.split('; ') ?? []))];
  const detail = tried.length > 0 ? ` (${tried.join('; ')})` : '';
  return new AppError(
    'no_text_found',
    `No text could be read from this document${detail}. If it is a photo, take it again flat, in good light and in focus; if it is a scan, scan it again at 300 dpi. Handwriting may not be readable.`,
  );
}

/** Removes table pipes, divider rows and heading marks, for callers that want plain text. */
function plainTextFromMarkdown(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => !/^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/.test(line))
    .map((line) => line.replace(/^#{1,6}\s+/, '').replace(/^\|\s*|\s*\|\s*$/g, '').replace(/\s*\|\s*/g, '  '))
    .join('\n')
    .trim();
}

function countMethods(pages: ConvertedPage[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const page of pages) counts[page.method] = (counts[page.method] ?? 0) + 1;
  return counts;
}
