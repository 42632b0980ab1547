/**
 * Shapes of the API's JSON as the browser receives them. The types come from the server's own
 * modules as type-only imports, so no server code reaches the browser bundle.
 */
import type { ClientView } from '@/lib/clients';
import type { DebtWithDocument } from '@/lib/db/queries/debts';
import type { DocumentView as ServerDocumentView, PageSummary } from '@/lib/documents/manage';
import type { Graph, GraphLink, GraphNode, GraphNodeType } from '@/lib/graph/types';
import type { Health } from '@/lib/health';
import type { PullProgress, RoleStatus } from '@/lib/llm/status';
import type { AnswerEvent, Source } from '@/lib/rag/answer';
import type { LetterEvent } from '@/lib/letters/letter';
import type { DocumentType } from '@/lib/entities/types';

export type { ClientView, Graph, GraphLink, GraphNode, GraphNodeType, Health, PullProgress, RoleStatus, AnswerEvent, Source, DocumentType, PageSummary };

export type DocumentView = ServerDocumentView;
export type DocumentStatus = DocumentView['status'];
export type DocumentDetail = DocumentView & { pages: PageSummary[] };

/** A debt as JSON: dates are ISO strings. */
export type Debt = Omit<DebtWithDocument, 'createdAt'> & { createdAt: string };

export type Page = { pageNumber: number; method: 'text-layer' | 'vision' | 'ocr' | 'none'; markdown: string; note: string | null };

/** Letter events plus the error event that any NDJSON stream may end with. */
export type LetterStreamEvent = (LetterEvent & { letterId?: string }) | { type: 'error'; code: string; message: string };

export type ModelsResponse = { roles: RoleStatus[]; pulls: PullProgress[] };
