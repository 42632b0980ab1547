import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

/**
 * Test inputs: the shared sample documents sit in `shared/samples` beside the repository
 * (`../shared/samples` from the repository root); SAMPLES_DIR overrides that.
 */
export const samplesDir = process.env.SAMPLES_DIR ?? path.resolve(import.meta.dirname, '../../../shared/samples');

export function samplePath(relative: string): string {
  return path.join(samplesDir, relative);
}

export function readSample(relative: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(samplePath(relative)));
}

/** Lists the synthetic text PDFs, such as `01_council_tax_reminder.pdf`, without their scans and photos. */
export function syntheticTextPdfs(): string[] {
  return fs
    .readdirSync(samplePath('synthetic'))
    .filter((name) => /^\d\d_[a-z0-9_]+\.pdf$/.test(name))
    .sort();
}

type GroundTruthDebt = { amount: number; accountRef: string | null };
export type GroundTruth = { file: string; pages: number; debts: GroundTruthDebt[] };

export function readGroundTruth(pdfName: string): GroundTruth {
  const jsonPath = samplePath(`synthetic/${pdfName.replace(/\.pdf$/, '.json')}`);
  return JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as GroundTruth;
}

/** Formats pounds as printed in the letters: £1,234.56. */
export function formatPounds(amount: number): string {
  return `£${amount.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Lower-cases and removes spaces, so "4929 1234" and "49291234" compare equal. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

/** A filled-in text field of a form: its name, value and rectangle in points from the bottom left. */
export type BuiltField = { name: string; value: string; rect: [number, number, number, number] };

/**
 * One page of a PDF built by `buildPdf`: lines of Helvetica text from the top left, with optional
 * filled-in form fields, or a JPEG filling an A4 page.
 */
export type BuiltPage = { lines: string[]; fields?: BuiltField[] } | { jpeg: Uint8Array };

/**
 * Writes a small PDF by hand, for layouts no sample has: a text page followed by a scanned page,
 * a filled-in form or a blank page. Pages are A4 (595 × 842 points).
 */
export function buildPdf(pages: BuiltPage[]): Uint8Array {
  const objects: Buffer[] = [];
  const add = (body: Buffer | string) => objects.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
  const stream = (dictionary: string, data: Buffer) =>
    Buffer.concat([Buffer.from(`<< ${dictionary} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);

  add(''); // the catalog, written once the form fields are numbered
  add(''); // the page tree, written once the page objects are numbered
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const pageIds: number[] = [];
  const fieldIds: number[] = [];
  for (const page of pages) {
    if ('lines' in page) {
      const escaped = page.lines.map((line) => `${pdfString(line)} Tj T*`).join(' ');
      add(stream('', Buffer.from(`BT /F1 12 Tf 16 TL 72 760 Td ${escaped} ET`, 'latin1')));
      const contentsId = objects.length;
      const pageId = contentsId + (page.fields?.length ?? 0) + 1;
      const widgetIds = (page.fields ?? []).map((field) => {
        add(`<< /Type /Annot /Subtype /Widget /FT /Tx /T ${pdfString(field.name)} /V ${pdfString(field.value)} /Rect [${field.rect.join(' ')}] /P ${pageId} 0 R >>`);
        return objects.length;
      });
      fieldIds.push(...widgetIds);
      add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentsId} 0 R /Annots [${widgetIds.map((id) => `${id} 0 R`).join(' ')}] >>`);
    } else {
      const { width, height, components } = jpegFrame(page.jpeg);
      const colorSpace = components === 1 ? '/DeviceGray' : '/DeviceRGB';
      add(stream(`/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${colorSpace} /BitsPerComponent 8 /Filter /DCTDecode`, Buffer.from(page.jpeg)));
      const imageId = objects.length;
      add(stream('', Buffer.from('q 595 0 0 842 0 0 cm /Im1 Do Q', 'latin1')));
      add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 ${imageId} 0 R >> >> /Contents ${objects.length} 0 R >>`);
    }
    pageIds.push(objects.length);
  }
  const acroForm = fieldIds.length > 0 ? ` /AcroForm << /Fields [${fieldIds.map((id) => `${id} 0 R`).join(' ')}] >>` : '';
  objects[0] = Buffer.from(`<< /Type /Catalog /Pages 2 0 R${acroForm} >>`, 'latin1');
  objects[1] = Buffer.from(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`, 'latin1');

  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((body, index) => {
    const object = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(length);
    parts.push(object);
    length += object.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, '\\$&')})`;
}

/** Reads the size and colour components from a JPEG's start-of-frame header. */
function jpegFrame(jpeg: Uint8Array): { width: number; height: number; components: number } {
  const view = new DataView(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  let offset = 2;
  while (offset + 9 < jpeg.byteLength) {
    const marker = jpeg[offset + 1];
    if (marker >= 0xc0 && marker <= 0xc3) {
      return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7), components: jpeg[offset + 9] };
    }
    offset += 2 + view.getUint16(offset + 2);
  }
  throw new Error('no JPEG frame header found');
}

/** Waits for a promise that must reject with an AppError, and returns that error. */
export async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof AppError) return error;
  throw new Error(`expected an AppError, got ${String(error)}`);
}
