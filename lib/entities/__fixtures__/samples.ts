import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { defaultSamplesDir, groundTruthSchema, readPdfPages, type GroundTruth } from '@/scripts/eval-extraction';
import type { PageText } from '../types';

const pagesByName = new Map<string, Promise<PageText[]>>();

/** Returns the markdown pages of a synthetic sample's text PDF, e.g. `samplePages('08_debt_collection_sold_on')`. */
export function samplePages(name: string): Promise<PageText[]> {
  let pages = pagesByName.get(name);
  if (!pages) {
    pages = readPdfPages(new Uint8Array(readFileSync(path.join(defaultSamplesDir, `${name}.pdf`))));
    pagesByName.set(name, pages);
  }
  return pages;
}

/** Returns a synthetic sample's ground truth. */
export function sampleTruth(name: string): GroundTruth {
  return groundTruthSchema.parse(JSON.parse(readFileSync(path.join(defaultSamplesDir, `${name}.json`), 'utf8')));
}

/** The synthetic samples with a text PDF (not the scans), by name without extension. */
export const sampleNames = readdirSync(defaultSamplesDir)
  .filter((file) => /^\d\d_[a-z0-9_]+\.pdf$/.test(file))
  .map((file) => file.replace(/\.pdf$/, ''))
  .sort();
