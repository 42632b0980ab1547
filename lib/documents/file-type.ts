import { AppError } from '../errors';

export type SupportedMimeType = 'application/pdf' | 'image/png' | 'image/jpeg';

export type FileType = { mimeType: SupportedMimeType };

/** Advice appended to every rejection: the file types to upload instead. */
const WHAT_TO_UPLOAD = 'Upload a PDF, or a PNG or JPEG picture of the document.';

/** PDF readers accept the header anywhere in the first 1,024 bytes, because some generators put junk before it. */
const PDF_HEADER_WINDOW = 1024;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

/**
 * Decides the type of an upload from its bytes, never its name.
 * Throws AppError `file_empty` for 0 bytes and `unsupported_file_type` for anything but PDF, PNG or JPEG,
 * naming what the file looks like where its bytes show it.
 */
export function detectFileType(bytes: Uint8Array): FileType {
  if (bytes.byteLength === 0) {
    throw new AppError('file_empty', `The file is empty (0 bytes), so there is nothing to read. Check that it downloaded or copied completely, then upload it again.`);
  }
  if (startsWith(bytes, JPEG_SIGNATURE)) return { mimeType: 'image/jpeg' };
  if (startsWith(bytes, PNG_SIGNATURE)) return { mimeType: 'image/png' };
  if (latin1(bytes, 0, PDF_HEADER_WINDOW).includes('%PDF-')) return { mimeType: 'application/pdf' };

  const lookalike = describeUnsupported(bytes);
  const found = lookalike ? `This file looks like ${lookalike}, which cannot be read here.` : 'This file is not a PDF, PNG or JPEG, so it cannot be read here.';
  throw new AppError('unsupported_file_type', `${found} ${adviceFor(lookalike)}${WHAT_TO_UPLOAD}`);
}

/** Names a common file type from its signature, or returns undefined when the bytes match none. */
function describeUnsupported(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes, 0, 64);

  if (head.startsWith('PK\x03\x04')) return describeZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'an older Microsoft Office file (Word .doc, Excel .xls or Outlook .msg)';
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'a GIF image';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'a WebP image';
  if (head.slice(4, 8) === 'ftyp') return describeIsoMedia(head.slice(8, 12));
  if (head.startsWith('II*\x00') || head.startsWith('MM\x00*')) return 'a TIFF image';
  if (head.startsWith('BM') && isBmpHeader(bytes)) return 'a BMP image';
  if (head.startsWith('{\\rtf')) return 'a Rich Text (RTF) document';
  if (head.startsWith('Rar!') || head.startsWith('7z\xbc\xaf\x27\x1c') || startsWith(bytes, [0x1f, 0x8b])) return 'a compressed archive';

  const text = decodeUtf8(bytes.subarray(0, 4096));
  if (text === undefined) return undefined;
  const start = text.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /<(head|body|title)[\s>]/.test(start)) return 'a web page (HTML)';
  if (start.startsWith('<?xml') || start.startsWith('<svg')) return start.includes('<svg') ? 'an SVG image' : 'an XML file';
  if (/^(received|from|return-path|mime-version|subject|date|to|message-id):/m.test(start)) return 'an email message';
  if (/^[{[]/.test(start) && isJson(bytes)) return 'a JSON data file';
  return 'a plain text file';
}

function describeZip(bytes: Uint8Array): string {
  // The first entry names of an Office file sit in the local headers near the start of the archive.
  const names = latin1(bytes, 0, 64 * 1024);
  if (names.includes('word/')) return 'a Word document (DOCX)';
  if (names.includes('xl/')) return 'an Excel spreadsheet (XLSX)';
  if (names.includes('ppt/')) return 'a PowerPoint presentation (PPTX)';
  if (names.includes('application/vnd.oasis.opendocument')) return 'an OpenDocument file (ODT or ODS)';
  return 'a ZIP archive';
}

function describeIsoMedia(brand: string): string {
  if (/^(heic|heix|hevc|hevx|mif1|msf1)$/.test(brand)) return 'a HEIC photo (the iPhone camera format)';
  if (brand === 'avif') return 'an AVIF image';
  return 'a video or audio file';
}

/** Returns a next step that fits the type found, to put before the general advice. */
function adviceFor(lookalike: string | undefined): string {
  if (!lookalike) return '';
  if (lookalike.includes('HEIC')) return 'On the phone, set the camera to "Most Compatible" or share the photo as JPEG. ';
  if (/Word|Excel|PowerPoint|OpenDocument|Office|RTF/.test(lookalike)) return 'Open it and save or print it as PDF. ';
  if (lookalike.includes('web page')) return 'If you downloaded it from a website, the download may have failed and saved an error page; download it again, or print the page to PDF. ';
  if (lookalike.includes('image')) return 'Open it and save it as PNG or JPEG. ';
  if (lookalike.includes('ZIP') || lookalike.includes('archive')) return 'Extract the documents from it and upload them one by one. ';
  if (lookalike.includes('email')) return 'Print the email to PDF, or save its attachments and upload them. ';
  return '';
}

/** Checks that a BMP file header is followed by a DIB header of one of the fixed sizes. */
function isBmpHeader(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 18) return false;
  const dibHeaderSize = bytes[14] | (bytes[15] << 8) | (bytes[16] << 16) | (bytes[17] << 24);
  return [12, 40, 52, 56, 64, 108, 124].includes(dibHeaderSize);
}

function isJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder().decode(bytes));
    return true;
  } catch {
    return false;
  }
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return bytes.byteLength >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, Math.min(end, bytes.byteLength));
}

/** Decodes UTF-8 text with no control characters except whitespace. Returns undefined for binary data. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The sample may end inside a multi-byte character, so try once more without its last 3 bytes.
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.byteLength - 3)));
    } catch {
      return undefined;
    }
  }
  return /[\x00-\x08\x0e-\x1f\x7f]/.test(text) ? undefined : text;
}
