import type { Config } from '../config';
import type { Db } from '../db/client';
import { getClientById } from '../db/queries/clients';
import { deletePages, getDocumentById, savePage, updateDocument, type DocumentRecord } from '../db/queries/documents';
import { addresseesOtherThan, otherAddresseeWarning } from '../entities/addressee';
import { extractEntities } from '../entities/extract';
import { ExtractionModelBreaker, pausedWarning } from '../entities/model-breaker';
import { mentionRows, saveDocumentDebts } from '../entities/resolution';
import type { ExtractionResult } from '../entities/types';
import { AppError } from '../errors';
import { syncClientGraph } from '../graph/sync';
import type { GraphStore } from '../graph/types';
import type { RoleModels } from '../llm/types';
import { moduleLogger } from '../log';
import { indexDocument } from '../rag/indexing';
import type { FileStore } from '../storage/files';
import type { ChromaVectorStore } from '../vectors/chroma';
import { convertDocument, type ConvertedPage } from './convert';
import { withoutModelInstructions } from './instructions';

const log = moduleLogger('documents.pipeline');

/** Pauses the text model in extraction after repeated unusable output; one per process, like the model. */
let extractionBreaker: ExtractionModelBreaker | undefined;

export type PipelineDeps = {
  config: Config;
  db: Db;
  files: FileStore;
  vectors: ChromaVectorStore;
  graph: GraphStore;
  models: RoleModels;
};

/**
 * Processes one stored document: markdown page by page, chunks for retrieval, and for client
 * documents the debts and their graph. Failures are recorded on the document with a message the
 * advisor can act on; what earlier documents stored is never touched.
 */
export async function processDocument(deps: PipelineDeps, documentId: string, options: { password?: string; signal?: AbortSignal } = {}): Promise<void> {
  const document = await getDocumentById(deps.db, { id: documentId });
  if (!document) {
    log.warn({ documentId }, 'document to process no longer exists');
    return;
  }
  try {
    await runPipeline(deps, document, options);
  } catch (error) {
    const appError = error instanceof AppError ? error : undefined;
    if (!appError) log.error({ documentId, err: { name: (error as Error).name, stack: (error as Error).stack } }, 'document processing failed unexpectedly');
    else log.info({ documentId, code: appError.code }, 'document failed');
    await updateDocument(deps.db, {
      id: documentId,
      status: 'failed',
      stage: null,
      errorCode: appError?.code ?? 'internal',
      errorMessage: appError?.message ?? `Processing failed unexpectedly. Try again; if it fails again, report document ${documentId}.`,
    });
    if (!appError) throw error;
  }
}

async function runPipeline(deps: PipelineDeps, document: DocumentRecord, options: { password?: string; signal?: AbortSignal }): Promise<void> {
  const { db } = deps;
  const documentId = document.id;
  await deletePages(db, { documentId });
  await updateDocument(db, { id: documentId, status: 'processing', stage: 'reading', pagesDone: 0, pagesTotal: null, errorCode: null, errorMessage: null, warnings: [] });

  const bytes = await deps.files.read(documentId);
  const converted = await convertDocument(bytes, {
    vision: deps.models.vision,
    password: options.password,
    signal: options.signal,
    limits: { maxPages: deps.config.MAX_PDF_PAGES, maxImageMegapixels: deps.config.MAX_IMAGE_MEGAPIXELS, pageTimeoutMs: deps.config.PDF_PAGE_TIMEOUT_MS },
    onPageCount: (total) => updateDocument(db, { id: documentId, pagesTotal: total }),
    onPage: async (page, done) => {
      await savePage(db, { documentId, pageNumber: page.pageNumber, method: page.method, markdown: page.markdown, note: page.note ?? null });
      await updateDocument(db, { id: documentId, pagesDone: done });
    },
  });
  const warnings = [...converted.warnings];
  log.info({ documentId, pages: converted.pages.length, methods: countMethods(converted.pages) }, 'document read');

  await updateDocument(db, { id: documentId, stage: 'indexing' });
  const pages = converted.pages.map((page) => ({ pageNumber: page.pageNumber, markdown: page.markdown }));
  const indexed = await indexDocument({ db, vectors: deps.vectors, embedding: deps.models.embedding }, document, pages, { signal: options.signal });
  if (indexed.warning) warnings.push(indexed.warning);

  const modelPages = pages.map((page) => ({ pageNumber: page.pageNumber, ...withoutModelInstructions(page.markdown) }));
  const flagged = modelPages.filter((page) => page.removed > 0).map((page) => page.pageNumber);
  if (flagged.length > 0) {
    log.warn({ documentId, pages: flagged }, 'document contains text addressed to a model');
    const where = flagged.length === 1 ? { subject: `Page ${flagged[0]} contains`, object: 'that page' } : { subject: `Pages ${flagged.join(', ')} contain`, object: 'those pages' };
    warnings.push(`${where.subject} text addressed to an AI model, a possible attempt to mislead it. That text is left out of debt extraction and answers; read ${where.object} yourself.`);
  }

  if (document.scope === 'client' && document.clientId) {
    await updateDocument(db, { id: documentId, stage: 'extracting' });
    extractionBreaker ??= new ExtractionModelBreaker(deps.config.EXTRACTION_PAUSE_AFTER, deps.config.EXTRACTION_PAUSE_MINUTES);
    const askModel = extractionBreaker.allowsModel();
    const extraction = await extractEntities(
      modelPages.map((page) => ({ pageNumber: page.pageNumber, text: page.text })),
      { textModel: askModel ? deps.models.text : null, signal: options.signal },
    );
    if (askModel) extractionBreaker.record(extraction);
    else warnings.push(pausedWarning(extractionBreaker.pauseAfter, extractionBreaker.pauseMinutes));
    warnings.push(...extraction.warnings);
    const otherPerson = await addresseeWarning(db, document.clientId, modelPages);
    if (otherPerson) warnings.push(otherPerson);
    await saveDebts(deps, document as DocumentRecord & { clientId: string }, extraction);
    const graphWarning = await updateGraph(deps, document.clientId);
    if (graphWarning) warnings.push(graphWarning);
  }

  await updateDocument(db, { id: documentId, status: 'ready', stage: null, warnings: [...new Set(warnings)] });
}

/** Warns when a document is addressed to someone whose surname is not the client's: it may be another client's letter. */
async function addresseeWarning(db: Db, clientId: string, pages: { text: string; pageNumber: number }[]): Promise<string | null> {
  const client = await getClientById(db, { id: clientId });
  if (!client) return null;
  const others = addresseesOtherThan(client.name, pages);
  if (others.length === 0) return null;
  const fullest = others.reduce((longest, name) => (name.length > longest.length ? name : longest));
  return otherAddresseeWarning(fullest, client.name);
}

/** Saves the debts found as the document's mentions and resolves them against the client's other debts. */
async function saveDebts(deps: PipelineDeps, document: DocumentRecord & { clientId: string }, extraction: ExtractionResult): Promise<void> {
  const rows = mentionRows({ clientId: document.clientId, documentId: document.id }, extraction);
  const outcome = await saveDocumentDebts(deps.db, { clientId: document.clientId, documentId: document.id, rows });
  log.info({ documentId: document.id, debts: outcome.mentions.length, source: extraction.source }, 'debts saved');
}

/**
 * Mirrors the client's debts into the graph store. A graph that cannot be written does not fail the
 * document, whose debts are saved: the advisor gets a warning, and the next sync of the client
 * writes its whole graph again.
 */
async function updateGraph(deps: PipelineDeps, clientId: string): Promise<string | null> {
  try {
    await syncClientGraph(deps, clientId);
    return null;
  } catch (error) {
    log.error({ clientId, store: deps.graph.kind, err: { name: (error as Error).name, code: (error as { code?: string }).code, message: (error as Error).message } }, 'graph update failed');
    return 'The debts were saved, but the graph could not be updated, so /graph may not show this document yet. It catches up when this client’s next document is processed, or when this one is processed again.';
  }
}

function countMethods(pages: ConvertedPage[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const page of pages) counts[page.method] = (counts[page.method] ?? 0) + 1;
  return counts;
}
