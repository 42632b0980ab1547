import { createDocument, deleteDocumentById, findDocumentBySha256, getDocumentById, listDocuments, listPages, updateDocument, type DocumentRecord } from '../db/queries/documents';
import { assertDocumentAccess } from '../access';
import type { CurrentUser } from '../auth/session';
import { AppError, errorCodes, type ErrorBody, type ErrorCode } from '../errors';
import { moduleLogger } from '../log';
import { removeDocumentDebts } from '../entities/resolution';
import { syncClientGraphAfterChange } from '../graph/sync';
import { scopeOf } from '../rag/indexing';
import type { Services } from '../services';
import { sha256 } from '../storage/files';
import { detectFileType } from './file-type';

const log = moduleLogger('documents.manage');

export type DocumentView = Omit<DocumentRecord, 'createdAt' | 'updatedAt'> & {
  createdAt: string;
  updatedAt: string;
  /** Place in the processing queue while queued, 1 being next. */
  queuePosition: number | null;
  /** For a failed document: whether processing it again can help (a server was down), or a new copy is needed. */
  errorRetryable: boolean | null;
};

export type PageSummary = { pageNumber: number; method: string; note: string | null };

export function toDocumentView(document: DocumentRecord, queuePosition: number | null = null): DocumentView {
  const code = document.errorCode as ErrorCode | null;
  const errorRetryable = code ? (errorCodes[code]?.retryable ?? true) : null;
  return { ...document, createdAt: document.createdAt.toISOString(), updatedAt: document.updatedAt.toISOString(), queuePosition, errorRetryable };
}

/** Keeps an uploaded filename as display text: no folders, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 200);
  return cleaned || 'unnamed document';
}

export type UploadOutcome = {
  documents: DocumentView[];
  rejected: { filename: string; error: ErrorBody['error'] }[];
};

/**
 * Stores uploaded files and queues them for processing. Each file is checked on its own: by size,
 * by its bytes (PDF, PNG or JPEG), and against the same place's documents, so one letter uploaded
 * twice is not counted twice. A rejected file never stops the others.
 */
export async function uploadDocuments(
  services: Services,
  target: { clientId: string; uploadLinkId?: string } | { knowledge: true },
  files: File[],
): Promise<UploadOutcome> {
  const maxBytes = services.config.MAX_UPLOAD_MB * 1024 * 1024;
  const outcome: UploadOutcome = { documents: [], rejected: [] };

  for (const file of files) {
    const filename = cleanFilename(file.name);
    try {
      if (file.size > maxBytes) {
        throw new AppError('payload_too_large', `"${filename}" is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${services.config.MAX_UPLOAD_MB} MB. Split the PDF or scan it at a lower resolution.`);
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const type = detectFileType(bytes);
      const digest = sha256(bytes);
      const clientId = 'clientId' in target ? target.clientId : null;
      const existing = await findDocumentBySha256(services.db, { clientId, sha256: digest });
      if (existing) {
        const where = clientId ? "this client's documents" : 'the knowledge base';
        const when = existing.createdAt.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
        throw new AppError('duplicate_document', `"${filename}" is already in ${where}, uploaded as "${existing.filename}" on ${when}, so it was not added again.`);
      }
      const document = await createDocument(services.db, {
        scope: 'clientId' in target ? 'client' : 'knowledge',
        clientId: 'clientId' in target ? target.clientId : null,
        uploadLinkId: 'clientId' in target ? (target.uploadLinkId ?? null) : null,
        filename,
        mimeType: type.mimeType,
        sizeBytes: bytes.byteLength,
        sha256: digest,
      });
      await services.files.save(document.id, bytes);
      await services.queue.enqueue(document.id);
      log.info({ documentId: document.id, clientId: document.clientId, bytes: bytes.byteLength, mimeType: type.mimeType }, 'document uploaded');
      outcome.documents.push(toDocumentView(document));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      log.info({ code: error.code }, 'upload rejected');
      outcome.rejected.push({ filename, error: { code: error.code, message: error.message, retryable: error.retryable } });
    }
  }
  return outcome;
}

export async function getDocumentOrThrow(services: Services, documentId: string): Promise<DocumentRecord> {
  const document = await getDocumentById(services.db, { id: documentId });
  if (!document) throw new AppError('not_found', `Document ${documentId} was not found. It may have been deleted.`);
  return document;
}

/** Returns a document the user may read or change; throws not_found or forbidden otherwise. */
export async function getAccessibleDocument(services: Services, user: CurrentUser, documentId: string, intent: 'read' | 'change'): Promise<DocumentRecord> {
  const document = await getDocumentOrThrow(services, documentId);
  await assertDocumentAccess(services.db, user, document, intent);
  return document;
}

export async function getDocumentView(services: Services, documentId: string): Promise<DocumentView & { pages: PageSummary[] }> {
  const document = await getDocumentOrThrow(services, documentId);
  const positions = document.status === 'queued' ? await services.queue.positions() : new Map<string, number>();
  const pages = await listPages(services.db, { documentId });
  return {
    ...toDocumentView(document, positions.get(documentId) ?? null),
    pages: pages.map((page) => ({ pageNumber: page.pageNumber, method: page.method, note: page.note })),
  };
}

export async function listDocumentViews(services: Services, target: { clientId: string } | { knowledge: true }): Promise<DocumentView[]> {
  const documents = await listDocuments(services.db, { clientId: 'clientId' in target ? target.clientId : null });
  const positions = documents.some((document) => document.status === 'queued') ? await services.queue.positions() : new Map<string, number>();
  return documents.map((document) => toDocumentView(document, positions.get(document.id) ?? null));
}

/** Returns the whole document as markdown, each page introduced by a comment with its number and method. */
export async function getDocumentMarkdown(services: Services, documentId: string): Promise<string> {
  await getDocumentOrThrow(services, documentId);
  const pages = await listPages(services.db, { documentId });
  return pages.map((page) => `<!-- page ${page.pageNumber}, read by ${page.method} -->\n\n${page.markdown}`).join('\n\n');
}

/**
 * Deletes a document and everything derived from it: vectors, graph entries, the stored file, pages,
 * chunks and debts. The vectors go first, so if Chroma is unreachable nothing is deleted and the
 * advisor can try again, rather than leaving orphaned vectors behind.
 */
export async function deleteDocument(services: Services, documentId: string): Promise<void> {
  const document = await getDocumentOrThrow(services, documentId);
  services.queue.cancel(documentId);
  await services.vectors.deleteDocument(scopeOf(document), documentId);
  await services.graph.removeDocument(documentId);
  if (document.clientId) await removeDocumentDebts(services.db, { clientId: document.clientId, documentId });
  await deleteDocumentById(services.db, { id: documentId });
  await services.files.remove(documentId);
  // The graph lost the document above; the debts it shared with other letters now show their remaining balances.
  if (document.clientId) await syncClientGraphAfterChange(services, document.clientId);
  log.info({ documentId, clientId: document.clientId }, 'document deleted');
}

/** Queues a failed document again, e.g. with the password of a protected PDF. */
export async function retryDocument(services: Services, documentId: string, options: { password?: string }): Promise<DocumentView> {
  const document = await getDocumentOrThrow(services, documentId);
  if (document.status === 'queued' || document.status === 'processing') {
    throw new AppError('conflict', 'This document is already being processed. Wait for it to finish.');
  }
  await updateDocument(services.db, { id: documentId, status: 'queued', stage: null, errorCode: null, errorMessage: null });
  await services.queue.enqueue(documentId, options);
  return getDocumentView(services, documentId);
}
