/**
 * One notice per document for the advisor, made from the warnings the server stored while reading it.
 * The stored warnings name the servers and models involved, which matter to an admin. The advisor needs
 * to know what to do, so the notice leads with that and keeps the stored warnings as technical detail.
 *
 * The warnings are recognised by their wording, as written by lib/documents/convert.ts (pages read
 * another way), lib/rag/indexing.ts (semantic search), lib/entities/extract.ts and model-breaker.ts
 * (debts found by rules) and lib/documents/pipeline.ts (another addressee, text addressed to a model,
 * the graph).
 * A warning that matches none of them is shown to the advisor as it is, so a reworded warning is
 * never hidden.
 */

import { addresseeInWarning } from '@/lib/entities/addressee';

type WarningKind = 'addressee' | 'instructions' | 'unread' | 'ocr' | 'rules' | 'dates' | 'pictured' | 'search' | 'graph' | 'other';

/** The owner of the document. Debts are found in a client's documents, not in the knowledge base's. */
export type NoticeScope = 'client' | 'knowledge';

export type DocumentNotice = {
  /** `warning` when the advisor should check something, `info` when a feature is only limited for now. */
  tone: 'warning' | 'info';
  /** The advisor's action, or null when there is nothing to do. */
  title: string | null;
  /** True when the document may belong to someone else or addresses a model: a list keeps such a notice open. */
  urgent: boolean;
  /** Plain sentences saying why, most important first. */
  sentences: string[];
  /** The warnings as the server stored them, for the technical details. */
  details: string[];
};

const sentences: Record<Exclude<WarningKind, 'addressee' | 'instructions' | 'other'>, string> = {
  unread: 'No text could be read on some pages. Read those pages in the original file.',
  ocr: 'Scanned pages were read by text recognition (OCR), which can misread figures and names.',
  rules: 'The debts were found without the text model, so some may be missing or wrong.',
  dates: 'Some dates the text model gave are not printed in the document, so they were left out.',
  pictured: 'Some pages were read from a picture of the page, because their text layer could not be used.',
  search: 'For now, Ask finds this document by keyword search only, not semantic search. It joins semantic search by itself once the embedding model can be reached.',
  graph: 'The graph may not show this document yet.',
};

/** Kinds the advisor has to act on, most important first. The other kinds only limit a feature for now. */
const actionKinds: WarningKind[] = ['addressee', 'instructions', 'unread', 'ocr', 'rules', 'dates', 'other'];
const infoKinds: WarningKind[] = ['pictured', 'search', 'graph'];

/** Returns the kinds of one stored warning. A warning about reading pages can be of two kinds. */
function kindsOf(warning: string): WarningKind[] {
  if (addresseeInWarning(warning) !== null) return ['addressee'];
  if (/addressed to an AI model/i.test(warning)) return ['instructions'];
  if (/found by rules alone/i.test(warning)) return ['rules'];
  if (/^Some dates in the text model's output/i.test(warning)) return ['dates'];
  if (/^Not added to semantic search/i.test(warning)) return ['search'];
  if (/graph could not be updated/i.test(warning)) return ['graph'];

  // Page reading: "<reason>[ on pages 1–3]: <outcome>."
  if (/: no text could be read\.$/.test(warning)) return ['unread'];
  if (/: read by OCR \(Tesseract\) instead where it found text\.$/.test(warning)) return ['ocr', 'unread'];
  if (/: read by OCR \(Tesseract\) instead\.$/.test(warning)) return ['ocr'];
  // The vision model may have read some pages and OCR the others.
  if (/: read from the page picture instead where possible\.$/.test(warning)) return ['ocr'];
  if (/: read by the vision model instead\.$/.test(warning)) return ['pictured'];
  return ['other'];
}

function titleFor(kinds: Set<WarningKind>, scope: NoticeScope): string | null {
  if (kinds.has('addressee')) return 'Check that this document belongs to this client';
  if (kinds.has('instructions')) return 'Read the flagged pages yourself';
  if (!actionKinds.some((kind) => kinds.has(kind))) return null;
  return scope === 'client' ? 'Check the figures against the letter' : 'Check the text against the original file';
}

/** Returns the document's one notice, or null when it has no warnings. */
export function documentNotice(warnings: string[], scope: NoticeScope): DocumentNotice | null {
  if (warnings.length === 0) return null;

  const byKind = new Map<WarningKind, string[]>();
  for (const warning of warnings) {
    for (const kind of kindsOf(warning)) byKind.set(kind, [...(byKind.get(kind) ?? []), warning]);
  }
  const kinds = new Set(byKind.keys());
  const needsAction = actionKinds.some((kind) => kinds.has(kind));

  // With something to check, the limited features stay in the technical details, so the check is not lost among them.
  const shownKinds = needsAction ? actionKinds : infoKinds;
  const lines = shownKinds.flatMap((kind) => {
    if (!kinds.has(kind)) return [];
    // These warnings are written for the advisor and name the people or pages. An unknown one is shown as it is, so nothing is hidden.
    if (kind === 'addressee' || kind === 'instructions' || kind === 'other') return byKind.get(kind)!;
    return [sentences[kind]];
  });

  const urgent = kinds.has('addressee') || kinds.has('instructions');
  return { tone: needsAction ? 'warning' : 'info', title: titleFor(kinds, scope), urgent, sentences: lines, details: warnings };
}
