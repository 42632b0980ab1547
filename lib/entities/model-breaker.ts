import { moduleLogger } from '../log';
import { extractionWarnings } from './extract';
import type { ExtractionResult } from './types';

const log = moduleLogger('entities.breaker');

/** Returns the warning on a document whose extraction left the paused model out. */
export function pausedWarning(pauseAfter: number, pauseMinutes: number): string {
  return `The text model's answers were unusable for the last ${pauseAfter} documents, so for ${pauseMinutes} minutes the debts are found by rules alone. Check the figures against the document.`;
}

/**
 * Decides whether a document's extraction calls the text model. A small or unsuitable model can fail
 * every document, and each failure costs two full model calls before the rules take over. So after
 * `pauseAfter` such documents (0: never) the model is paused for `pauseMinutes`, then tried again.
 * One usable answer ends the count. State is per process, like the model itself.
 */
export class ExtractionModelBreaker {
  private unusable = 0;
  private pausedUntil = 0;

  constructor(
    readonly pauseAfter: number,
    readonly pauseMinutes: number,
  ) {}

  /** Returns whether the next extraction should ask the model. */
  allowsModel(now = Date.now()): boolean {
    return now >= this.pausedUntil;
  }

  /** Counts the outcome of an extraction that asked the model. */
  record(result: ExtractionResult, now = Date.now()): void {
    if (result.source === 'model') {
      this.unusable = 0;
      return;
    }
    if (!result.warnings.includes(extractionWarnings.modelOutputInvalid)) return;
    this.unusable += 1;
    if (this.pauseAfter > 0 && this.unusable >= this.pauseAfter) {
      this.pausedUntil = now + this.pauseMinutes * 60 * 1000;
      log.warn({ documents: this.unusable, minutes: this.pauseMinutes }, 'text model output unusable repeatedly; extraction uses rules alone for a while');
    }
  }
}
