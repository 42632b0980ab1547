import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { MODEL_IMAGE_MAX_SIDE, prepareImage, readImageSize } from './images';
import { readSample, rejectionOf as rejection } from './test-samples';

const options = { maxMegapixels: 60, timeoutMs: 20_000 };
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

/** Inserts an EXIF segment with the given orientation after the JPEG start marker, as phone cameras write it. */
function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  // Big-endian TIFF header, one IFD entry: tag 0x0112 (Orientation), type SHORT, count 1.
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const body = [...Buffer.from('Exif\0\0', 'latin1'), ...tiff];
  const length = body.length + 2;
  return new Uint8Array([...jpeg.subarray(0, 2), 0xff, 0xe1, length >> 8, length & 0xff, ...body, ...jpeg.subarray(2)]);
}

describe('readImageSize', () => {
  it('reads a PNG header', () => {
    expect(readImageSize(readSample('public/a09_invoice_SammyMaystone.png'))).toEqual({ width: 1700, height: 2200 });
  });

  it('reads a JPEG frame header', () => {
    expect(readImageSize(readSample('synthetic/01_council_tax_reminder.scan-p1.jpg'))).toEqual({ width: 1266, height: 1774 });
  });

  it('rejects a JPEG without a frame header', () => {
    const headless = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xd9]);
    expect(() => readImageSize(headless)).toThrow(AppError);
  });
});

describe('prepareImage', () => {
  it('keeps a small scan size', async () => {
    const image = await prepareImage(readSample('synthetic/01_council_tax_reminder.scan-p1.jpg'), options);
    expect({ width: image.width, height: image.height }).toEqual({ width: 1266, height: 1774 });
    expect([...image.png.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
  });

  it('scales a large scan down', async () => {
    const image = await prepareImage(readSample('synthetic/18_payslip.scan-p1.png'), options);
    expect(Math.max(image.width, image.height)).toBe(MODEL_IMAGE_MAX_SIDE);
    expect({ width: image.originalWidth, height: image.originalHeight }).toEqual({ width: 1679, height: 2359 });
  });

  it('applies EXIF orientation', async () => {
    const rotated = withExifOrientation(readSample('synthetic/01_council_tax_reminder.scan-p1.jpg'), 6);
    const image = await prepareImage(rotated, options);
    expect({ width: image.width, height: image.height }).toEqual({ width: 1774, height: 1266 });
  });

  it('rejects too many megapixels', async () => {
    const error = await rejection(prepareImage(readSample('synthetic/01_council_tax_reminder.scan-p1.jpg'), { ...options, maxMegapixels: 1 }));
    expect(error.code).toBe('image_too_large');
    expect(error.message).toContain('1,266 × 1,774 pixels (2.2 megapixels); the limit is 1 megapixels');
  });

  it('survives a decoder crash', async () => {
    const truncated = readSample('public/a09_invoice_SammyMaystone.png').subarray(0, 40);
    const error = await rejection(prepareImage(truncated, options));
    expect(error.code).toBe('image_invalid');
    expect(error.message).toContain('damaged or incomplete');
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(prepareImage(readSample('synthetic/01_council_tax_reminder.scan-p1.jpg'), { ...options, signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});
