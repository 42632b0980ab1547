import { moduleLogger } from '../log';
import { extractionWarnings } from './extract';
import type { ExtractionResult } from './types';

const log = moduleLogger('entities.breaker');

/** Documents in a row whose model output was unusable, after which extraction stops asking the model for a while. */
export const UNUSABLE_IN_A_ROW = 3;
/** Minutes the model is left out of extraction before it is tried again. */
export const PAUSE_MINUTES = 15;

export const pausedWarning = `The text model's answers were unusable for the last ${UNUSABLE_IN_A_ROW} documents, so for ${PAUSE_MINUTES} minutes the debts are found by rules alone. Check the figures against the document.`;

/**
 * Decides whether a document's extraction asks the text model. A small or unsuitable model can fail
 * every document, and each failure costs two full model calls before the rules take over; after
 * UNUSABLE_IN_A_ROW such documents the model is paused for PAUSE_MINUTES, then tried again. One
 * usable answer ends the count. State is per process, like the model itself.
 */
export class ExtractionModelBreaker {
  private unusable = 0;
  private pausedUntil = 0;

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
    if (this.unusable >= UNUSABLE_IN_A_ROW) {
      this.pausedUntil = now + PAUSE_MINUTES * 60 * 1000;
      log.warn({ documents: this.unusable, minutes: PAUSE_MINUTES }, 'text model output unusable repeatedly; extraction uses rules alone for a while');
    }
  }
}
