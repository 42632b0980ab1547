// @ts-check
// Reads one PDF with pdfjs-dist in a child process, so that a malformed file that hangs, exhausts
// memory or crashes the native canvas can be stopped without harming the server. This file is plain
// JavaScript because Node 20 cannot run TypeScript in a child process; the typed wrapper is pdf.ts.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createCanvas } from '@napi-rs/canvas';

if (!process.send) throw new Error('pdf-worker.mjs must run as a child process with an IPC channel');
const send = process.send.bind(process);

// pdfjs needs its own font and character-map folders to draw non-embedded fonts; the trailing
// slash matters because pdfjs appends file names to these URLs.
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const standardFontDataUrl = pathToFileURL(path.join(pdfjsRoot, 'standard_fonts')).href + '/';
const cMapUrl = pathToFileURL(path.join(pdfjsRoot, 'cmaps')).href + '/';

/** @type {import('pdfjs-dist').PDFDocumentProxy | undefined} */
let doc;

/** Maps a pdfjs exception to an error code the app understands. */
function describeError(error) {
  const name = error?.name ?? 'Error';
  if (name === 'PasswordException') {
    // pdfjs PasswordResponses: 1 = a password is needed, 2 = the password given is wrong.
    return { code: error.code === 2 ? 'pdf_password_incorrect' : 'pdf_password_required', name };
  }
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') {
    return { code: 'pdf_invalid', name };
  }
  return { code: 'pdf_invalid', name };
}

async function open({ data, password }) {
  const bytes = new Uint8Array(data);
  // Adobe LiveCycle forms set /NeedsRendering: their pages are empty until Adobe Reader builds them.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4_000_000)).toString('latin1');
  const needsRendering = /\/NeedsRendering\s+true/.test(head);
  doc = await pdfjs.getDocument({
    data: bytes,
    password: password ?? undefined,
    standardFontDataUrl,
    cMapUrl,
    cMapPacked: true,
    isEvalSupported: false,
    enableXfa: false,
    verbosity: 0,
  }).promise;
  return { numPages: doc.numPages, needsRendering };
}

async function text({ pageNumber }) {
  if (!doc) throw new Error('no document is open');
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  // A page turned by its /Rotate entry keeps its text in unturned coordinates, where lines would run
  // down the page. Such text is turned with the page, and y is measured upwards as on other pages.
  const turned = viewport.rotation % 360 !== 0;
  const items = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const [a, b, c, d, e, f] = turned ? pdfjs.Util.transform(viewport.transform, item.transform) : item.transform;
    items.push({
      str: item.str,
      x: e,
      y: turned ? viewport.height - f : f,
      width: item.width,
      fontSize: Math.hypot(c, d) || Math.hypot(a, b),
      hasEOL: item.hasEOL,
    });
  }
  items.push(...(await formFieldItems(page)));
  page.cleanup();
  return { width: viewport.width, height: viewport.height, items };
}

/**
 * Returns the values typed into a filled-in form's text and choice fields as text items at the
 * fields' positions. They live in widget annotations, which getTextContent leaves out, so without
 * them a filled-in form would read as blank.
 * @param {import('pdfjs-dist').PDFPageProxy} page
 */
async function formFieldItems(page) {
  let annotations;
  try {
    annotations = await page.getAnnotations({ intent: 'display' });
  } catch {
    // A damaged annotation list must not cost the page its text, so the page is read without field values.
    return [];
  }
  const items = [];
  for (const annotation of annotations) {
    if (annotation.subtype !== 'Widget' || annotation.hidden || annotation.password) continue;
    const value = fieldText(annotation);
    if (!value) continue;

    const [left, bottom, right, top] = annotation.rect;
    const lines = value.split(/\r\n?|\n/).filter((line) => line.trim() !== '');
    // The field's own font size is inside its appearance stream, so this estimate fits one line per row.
    const fontSize = Math.min(12, Math.max(6, ((top - bottom) / lines.length) * 0.7));
    lines.forEach((line, index) => {
      items.push({ str: line, x: left + 2, y: top - fontSize * (1.2 * index + 1), width: Math.min(right - left, line.length * fontSize * 0.5), fontSize, hasEOL: true });
    });
  }
  return items;
}

/** Returns the value of a text or choice field as text, and '' for other fields such as buttons and signatures. */
function fieldText(annotation) {
  const value = annotation.fieldValue;
  if (annotation.fieldType === 'Tx' && typeof value === 'string') return value.trim();
  if (annotation.fieldType === 'Ch') return (Array.isArray(value) ? value.join(', ') : String(value ?? '')).trim();
  return '';
}

async function render({ pageNumber, dpi }) {
  if (!doc) throw new Error('no document is open');
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext('2d');
  // Scanned pages are drawn over white so that transparent areas do not become black for OCR.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  // @ts-expect-error pdfjs types expect a DOM canvas; @napi-rs/canvas provides the same drawing API.
  await page.render({ canvas, canvasContext: context, viewport }).promise;
  const png = await canvas.encode('png');
  page.cleanup();
  return { png: png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength), width: canvas.width, height: canvas.height };
}

const operations = { open, text, render };

process.on('message', async (/** @type {any} */ message) => {
  const { id, op, args } = message;
  try {
    const result = await operations[op](args);
    send({ id, ok: true, result });
  } catch (error) {
    send({ id, ok: false, error: { ...describeError(error), message: String(error?.message ?? error) } });
  }
});
