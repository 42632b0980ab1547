import { AppError } from '../errors';
import type { Services } from '../services';
import { convertDocument, ocrImage, type ConvertedPage, type OcrImageResult } from './convert';
import { detectFileType } from './file-type';
import { cleanFilename } from './manage';

export type ConvertResponse = { markdown: string; pages: ConvertedPage[]; method: ConvertedPage['method'] | 'mixed'; warnings: string[] };

async function readChecked(services: Services, file: File): Promise<Uint8Array> {
  const maxBytes = services.config.MAX_UPLOAD_MB * 1024 * 1024;
  if (file.size > maxBytes) {
    throw new AppError('payload_too_large', `"${cleanFilename(file.name)}" is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${services.config.MAX_UPLOAD_MB} MB.`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  detectFileType(bytes);
  return bytes;
}

/** Converts one uploaded file to markdown page by page without storing anything. */
export async function convertUpload(services: Services, file: File, options: { password?: string; signal?: AbortSignal }): Promise<ConvertResponse> {
  const bytes = await readChecked(services, file);
  const { config } = services;
  const result = await convertDocument(bytes, {
    vision: services.models.vision,
    password: options.password,
    signal: options.signal,
    limits: { maxPages: config.MAX_PDF_PAGES, maxImageMegapixels: config.MAX_IMAGE_MEGAPIXELS, pageTimeoutMs: config.PDF_PAGE_TIMEOUT_MS },
  });
  const methods = new Set(result.pages.map((page) => page.method));
  const markdown = result.pages.map((page) => `<!-- page ${page.pageNumber}, read by ${page.method} -->\n\n${page.markdown}`).join('\n\n');
  return { markdown, pages: result.pages, method: methods.size === 1 ? result.pages[0].method : 'mixed', warnings: result.warnings };
}

/** Reads the text of one uploaded image (vision model first, Tesseract as the fallback) without storing anything. */
export async function ocrUpload(services: Services, file: File, options: { signal?: AbortSignal }): Promise<OcrImageResult> {
  const bytes = await readChecked(services, file);
  const { config } = services;
  return ocrImage(bytes, {
    vision: services.models.vision,
    signal: options.signal,
    limits: { maxImageMegapixels: config.MAX_IMAGE_MEGAPIXELS, pageTimeoutMs: config.PDF_PAGE_TIMEOUT_MS },
  });
}
