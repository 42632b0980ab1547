import { describe, expect, it } from 'vitest';
import { readImageSize } from './images';
import { drawPagePicture, PAGE_PICTURE_MAX_SIDE } from './page-picture';
import { readSample, rejectionOf } from './test-samples';

const limits = { maxImageMegapixels: 60, pageTimeoutMs: 60_000 };

describe('drawPagePicture', () => {
  it('scanned PDF page at display size', async () => {
    const png = await drawPagePicture(readSample('synthetic/01_council_tax_reminder.scan.pdf'), 1, limits);
    const size = readImageSize(png);
    expect(Math.max(size.width, size.height)).toBeGreaterThanOrEqual(PAGE_PICTURE_MAX_SIDE - 1);
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(PAGE_PICTURE_MAX_SIDE + 1);
    // A4 upright: taller than wide.
    expect(size.height).toBeGreaterThan(size.width);
  });

  it('photo as its only page, upright and scaled down', async () => {
    const photo = readSample('synthetic/01_council_tax_reminder.photo1.jpg');
    const png = await drawPagePicture(photo, 1, limits);
    const size = readImageSize(png);
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(PAGE_PICTURE_MAX_SIDE);
  });

  it('page past the end', async () => {
    const pdfError = await rejectionOf(drawPagePicture(readSample('synthetic/01_council_tax_reminder.scan.pdf'), 9, limits));
    expect(pdfError.code).toBe('not_found');
    expect(pdfError.message).toMatch(/has 1 page, so there is no page 9/);

    const photoError = await rejectionOf(drawPagePicture(readSample('synthetic/01_council_tax_reminder.photo1.jpg'), 2, limits));
    expect(photoError.code).toBe('not_found');
  });

  it('damaged PDF', async () => {
    const error = await rejectionOf(drawPagePicture(readSample('public/c10_ocrmypdf_invalid.pdf'), 1, limits));
    expect(error.code).toBe('pdf_invalid');
  });

  it('protected PDF needs its password, which is never stored', async () => {
    const error = await rejectionOf(drawPagePicture(readSample('public/c01_pdfminer_aes-256_user-baz_owner-foo.pdf'), 1, limits));
    expect(error.code).toBe('pdf_password_required');
  });
});
