import { convertDocument, type ConvertOptions, type ConvertResult } from './convert';
import { readSample } from './test-samples';

/** Limits for tests: the configuration defaults. */
export const testLimits = { maxPages: 300, maxImageMegapixels: 60, pageTimeoutMs: 60_000 };

/** Converts a sample file without a vision model unless `options` gives one. */
export function convertSample(file: string, options: Partial<ConvertOptions> = {}): Promise<ConvertResult> {
  return convertDocument(readSample(file), { vision: null, limits: testLimits, ...options });
}

export function allMarkdown(result: ConvertResult): string {
  return result.pages.map((page) => page.markdown).join('\n\n');
}
