import { describe, expect, it } from 'vitest';
import { extractionWarnings } from '@/lib/entities/extract';
import { pausedWarning } from '@/lib/entities/model-breaker';
import { documentNotice } from './document-notice';

// Warnings as the server stores them: lib/documents/convert.ts, lib/rag/indexing.ts and lib/documents/pipeline.ts.
const visionDown = 'Vision server unreachable on pages 1–2: read by OCR (Tesseract) instead.';
const visionDownSomeText = 'Vision server unreachable on pages 1–3: read by OCR (Tesseract) instead where it found text.';
const nothingRead = 'OCR found no text on page 2: no text could be read.';
const textLayerBad = 'Text layer unreadable on page 2: read by the vision model instead.';
const notEmbedded = 'Not added to semantic search: the embedding model could not be reached. Keyword search still covers this document, and it joins semantic search by itself once that is fixed. The Status page shows what is down.';
const flagged = 'Page 2 contains text addressed to an AI model, a possible attempt to mislead it. That text is left out of debt extraction and answers; read that page yourself.';
const otherAddressee = 'This document is addressed to Mr Dale Okonkwo, not to Ms Corinne Ashdale. Check that it belongs to this client; if it does not, delete it here and upload it to the right client.';
const graphMissed = 'The debts were saved, but the graph could not be updated, so /graph may not show this document yet. It catches up when this client’s next document is processed, or when this one is processed again.';

describe('documentNotice', () => {
  it('returns null without warnings', () => {
    expect(documentNotice([], 'client')).toBeNull();
  });

  it('leads three warnings with the figures check', () => {
    const notice = documentNotice([visionDown, notEmbedded, extractionWarnings.modelUnavailable], 'client')!;
    expect(notice.tone).toBe('warning');
    expect(notice.title).toBe('Check the figures against the letter');
    expect(notice.sentences).toEqual([
      'Scanned pages were read by text recognition (OCR), which can misread figures and names.',
      'The debts were found without the text model, so some may be missing or wrong.',
    ]);
  });

  it('marks another addressee as urgent', () => {
    expect(documentNotice([otherAddressee, visionDown], 'client')!.urgent).toBe(true);
    expect(documentNotice([flagged], 'client')!.urgent).toBe(true);
    expect(documentNotice([visionDown, notEmbedded], 'client')!.urgent).toBe(false);
  });

  it('keeps every stored warning as technical detail', () => {
    const warnings = [visionDown, notEmbedded, extractionWarnings.modelUnavailable];
    expect(documentNotice(warnings, 'client')!.details).toEqual(warnings);
  });

  it('names no server, model or setting to the advisor', () => {
    const notice = documentNotice([visionDown, notEmbedded, extractionWarnings.modelMissing], 'client')!;
    const advisorText = [notice.title, ...notice.sentences].join(' ');
    expect(advisorText).not.toMatch(/Tesseract|server|embedding|Status page|Pull/i);
  });

  it.each([
    ['model unreachable', extractionWarnings.modelUnavailable],
    ['model missing', extractionWarnings.modelMissing],
    ['model output unusable', extractionWarnings.modelOutputInvalid],
    ['model paused', pausedWarning(3, 15)],
  ])('asks for the figures check when the %s', (_case, warning) => {
    const notice = documentNotice([warning], 'client')!;
    expect(notice.title).toBe('Check the figures against the letter');
    expect(notice.sentences).toEqual(['The debts were found without the text model, so some may be missing or wrong.']);
  });

  it('says the rules sentence once for two rules warnings', () => {
    const notice = documentNotice([pausedWarning(3, 15), extractionWarnings.modelOutputInvalid], 'client')!;
    expect(notice.sentences).toHaveLength(1);
  });

  it('mentions dates left out', () => {
    expect(documentNotice([extractionWarnings.datesDropped], 'client')!.sentences).toEqual(['Some dates the text model gave are not printed in the document, so they were left out.']);
  });

  it('sends unread pages to the original file', () => {
    const notice = documentNotice([nothingRead], 'client')!;
    expect(notice.tone).toBe('warning');
    expect(notice.sentences).toEqual(['No text could be read on some pages. Read those pages in the original file.']);
  });

  it('reads OCR with some pages unread as both', () => {
    expect(documentNotice([visionDownSomeText], 'client')!.sentences).toEqual([
      'No text could be read on some pages. Read those pages in the original file.',
      'Scanned pages were read by text recognition (OCR), which can misread figures and names.',
    ]);
  });

  it('puts flagged model instructions first', () => {
    const notice = documentNotice([extractionWarnings.modelUnavailable, flagged], 'client')!;
    expect(notice.title).toBe('Read the flagged pages yourself');
    expect(notice.sentences[0]).toBe(flagged);
  });

  it('puts another addressee before everything', () => {
    const notice = documentNotice([flagged, otherAddressee, extractionWarnings.modelUnavailable], 'client')!;
    expect(notice.title).toBe('Check that this document belongs to this client');
    expect(notice.sentences).toEqual([otherAddressee, flagged, 'The debts were found without the text model, so some may be missing or wrong.']);
  });

  it('shows a limited search alone as information', () => {
    const notice = documentNotice([notEmbedded], 'knowledge')!;
    expect(notice.tone).toBe('info');
    expect(notice.title).toBeNull();
    expect(notice.sentences).toEqual(['For now, Ask finds this document by keyword search only, not semantic search. It joins semantic search by itself once the embedding model can be reached.']);
  });

  it('leaves limited features out beside a check', () => {
    const notice = documentNotice([notEmbedded, graphMissed, extractionWarnings.modelUnavailable], 'client')!;
    expect(notice.sentences).toEqual(['The debts were found without the text model, so some may be missing or wrong.']);
  });

  it('lists the graph and vision fallback as information', () => {
    const notice = documentNotice([textLayerBad, graphMissed], 'client')!;
    expect(notice.tone).toBe('info');
    expect(notice.sentences).toEqual(['Some pages were read from a picture of the page, because their text layer could not be used.', 'The graph may not show this document yet.']);
  });

  it('asks the knowledge base to check text, not figures', () => {
    expect(documentNotice([visionDown], 'knowledge')!.title).toBe('Check the text against the original file');
  });

  it('shows an unknown warning as it is', () => {
    const unknown = 'Page 3 was cut off at the bottom of the scan.';
    const notice = documentNotice([unknown, notEmbedded], 'client')!;
    expect(notice.tone).toBe('warning');
    expect(notice.sentences).toEqual([unknown]);
  });
});
