import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { detectFileType } from './file-type';
import { readSample } from './test-samples';

/** Runs detectFileType and returns the AppError it throws. */
function rejection(bytes: Uint8Array): AppError {
  try {
    detectFileType(bytes);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected detectFileType to reject the file');
}

/** Builds a ZIP local file header for one stored entry, as at the start of a DOCX. */
function zipWithEntry(name: string): Uint8Array {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(name.length, 26);
  return new Uint8Array(Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.from('<xml/>')]));
}

describe('detectFileType', () => {
  it.each([
    ['synthetic/01_council_tax_reminder.pdf', 'application/pdf'],
    ['synthetic/01_council_tax_reminder.scan.pdf', 'application/pdf'],
    ['public/c10_ocrmypdf_invalid.pdf', 'application/pdf'],
    ['public/c01_pdfminer_aes-256_user-baz_owner-foo.pdf', 'application/pdf'],
    ['synthetic/18_payslip.scan-p1.png', 'image/png'],
    ['public/a09_invoice_SammyMaystone.png', 'image/png'],
    ['synthetic/01_council_tax_reminder.scan-p1.jpg', 'image/jpeg'],
    ['synthetic/05_energy_arrears.photo1.jpg', 'image/jpeg'],
  ])('reads %s as %s', (file, mimeType) => {
    expect(detectFileType(readSample(file)).mimeType).toBe(mimeType);
  });

  it('finds a PDF header after leading junk', () => {
    const pdf = readSample('synthetic/01_council_tax_reminder.pdf');
    const withJunk = new Uint8Array([...Buffer.from('\r\n\r\ngarbage before the header\n'), ...pdf]);
    expect(detectFileType(withJunk).mimeType).toBe('application/pdf');
  });

  it('rejects an empty file as file_empty', () => {
    expect(rejection(new Uint8Array()).code).toBe('file_empty');
  });

  it('names an HTML page renamed .pdf', () => {
    const html = new TextEncoder().encode('<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Session expired</body></html>');
    const error = rejection(html);
    expect(error.code).toBe('unsupported_file_type');
    expect(error.message).toContain('web page (HTML)');
    expect(error.message).toContain('PDF, or a PNG or JPEG');
  });

  it('names a Word document', () => {
    const error = rejection(zipWithEntry('word/document.xml'));
    expect(error.code).toBe('unsupported_file_type');
    expect(error.message).toContain('Word document (DOCX)');
    expect(error.message).toContain('save or print it as PDF');
  });

  it('names a plain ZIP archive', () => {
    expect(rejection(zipWithEntry('letters/one.pdf')).message).toContain('ZIP archive');
  });

  it('names plain text', () => {
    const error = rejection(readSample('public/a16_scan_linn_brochure.expected.txt'));
    expect(error.code).toBe('unsupported_file_type');
    expect(error.message).toContain('plain text file');
  });

  it('names JSON', () => {
    expect(rejection(readSample('public/a05_sfs_summary_example_data.json')).message).toContain('JSON data file');
  });

  it('names a HEIC phone photo', () => {
    const heic = new Uint8Array([0, 0, 0, 24, ...Buffer.from('ftypheic'), 0, 0, 0, 0, ...Buffer.from('mif1heic')]);
    const error = rejection(heic);
    expect(error.message).toContain('HEIC photo');
    expect(error.message).toContain('Most Compatible');
  });

  it('rejects unknown binary data', () => {
    const error = rejection(new Uint8Array([0x00, 0x01, 0x02, 0xfe, 0xff, 0x10, 0x00, 0x9c]));
    expect(error.code).toBe('unsupported_file_type');
    expect(error.message).toContain('not a PDF, PNG or JPEG');
  });
});
