import pLimit from 'p-limit';
import { AppError } from '../errors';
import { detectFileType } from './file-type';
import { prepareImage } from './images';
import { PdfDocument } from './pdf';

/**
 * Maximum length of the longer side of a page picture, in pixels. That is about 120 dpi on A4, where
 * small print stays legible, and the PNG stays a few hundred kilobytes (an estimate).
 */
export const PAGE_PICTURE_MAX_SIDE = 1400;

export type PagePictureLimits = { maxImageMegapixels: number; pageTimeoutMs: number };

/**
 * Each picture is drawn in a child process that takes most of a core. Two at a time, so that a screen
 * of scanned pages leaves room for the pipeline and the other requests.
 */
const drawing = pLimit(2);

/**
 * Returns one page of a stored document as a PNG, so that an advisor can check text read by OCR or
 * the vision model against the page itself. A PNG or JPEG upload is its only page, turned upright.
 * Throws AppError `not_found` for a page the document does not have, and the reader's own errors
 * for a file that cannot be drawn, such as a PDF that needs its password.
 */
export function drawPagePicture(bytes: Uint8Array, pageNumber: number, limits: PagePictureLimits): Promise<Uint8Array> {
  return drawing(async () => {
    const { mimeType } = detectFileType(bytes);
    if (mimeType !== 'application/pdf') {
      if (pageNumber !== 1) throw missingPage(pageNumber, 1);
      const image = await prepareImage(bytes, { maxMegapixels: limits.maxImageMegapixels, timeoutMs: limits.pageTimeoutMs, maxSide: PAGE_PICTURE_MAX_SIDE });
      return image.png;
    }

    const pdf = await PdfDocument.open(bytes, { timeoutMs: limits.pageTimeoutMs });
    try {
      if (pageNumber > pdf.numPages) throw missingPage(pageNumber, pdf.numPages);
      const { width, height } = await pdf.readText(pageNumber);
      const rendered = await pdf.render(pageNumber, (PAGE_PICTURE_MAX_SIDE * 72) / Math.max(width, height));
      return rendered.png;
    } finally {
      await pdf.close();
    }
  });
}

function missingPage(pageNumber: number, pageCount: number): AppError {
  const has = pageCount === 1 ? '1 page' : `${pageCount} pages`;
  return new AppError('not_found', `This document has ${has}, so there is no page ${pageNumber}.`);
}
