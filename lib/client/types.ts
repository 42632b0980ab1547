/**
 * Shapes of the API's JSON as the browser receives them. The types come from the server's own
 * modules as type-only imports, so no server code reaches the browser bundle.
 */
import type { ErasureRight } from '@/lib/access';
import type { ClientView, ErasureReason } from '@/lib/clients';
import type { BalanceEntry, DebtField, DebtTotals, MentionView, MergeProposalView, ResolvedDebtView } from '@/lib/entities/debt-views';
import type { DocumentView as ServerDocumentView, PageSummary } from '@/lib/documents/manage';
import type { Graph, GraphLink, GraphNode, GraphNodeType, GraphResult } from '@/lib/graph/types';
import type { Health } from '@/lib/health';
import type { PullProgress, RoleStatus } from '@/lib/llm/status';
import type { AnswerEvent, Source } from '@/lib/rag/answer';
import type { LetterEvent } from '@/lib/letters/letter';
import type { DocumentType } from '@/lib/entities/types';
import type { Account, AccountWithLockout } from '@/lib/auth/accounts';
import type { Role } from '@/lib/auth/auth';
import type { CurrentUser } from '@/lib/auth/session';
import type { AuditAction } from '@/lib/audit';
import type { CentreSettings } from '@/lib/settings';
import type { UploadLinkView } from '@/lib/uploads/links';
import type { SavedLetterView } from '@/lib/letters/save';

export type { Account, AccountWithLockout, AuditAction, CentreSettings, CurrentUser, ErasureReason, Role, SavedLetterView, UploadLinkView };
export type { BalanceEntry, DebtField, DebtTotals, MentionView, MergeProposalView };
export type { ClientView, Graph, GraphLink, GraphNode, GraphNodeType, GraphResult, Health, PullProgress, RoleStatus, AnswerEvent, Source, DocumentType, PageSummary };

export type DocumentView = ServerDocumentView;
export type DocumentStatus = DocumentView['status'];
export type DocumentDetail = DocumentView & { pages: PageSummary[] };

/** A resolved debt as GET /api/clients/{id}/debts returns it: one debt however many letters mention it. */
export type Debt = ResolvedDebtView;

export type DebtsResponse = { debts: Debt[]; totals: DebtTotals };

/** The response body of PATCH …/debts/{debtId} and of accepting a merge proposal; `graphUpdated` is false when the graph store missed the change. */
export type DebtChangeResponse = { debt: Debt; graphUpdated: boolean };

export type MergeProposalStatus = MergeProposalView['status'];

export type Page = { pageNumber: number; method: 'text-layer' | 'vision' | 'ocr' | 'none'; markdown: string; note: string | null };

/** Letter events plus the error event that any NDJSON stream may end with. */
export type LetterStreamEvent = (LetterEvent & { letterId?: string }) | { type: 'error'; code: string; message: string };

export type ModelsResponse = { roles: RoleStatus[]; pulls: PullProgress[] };

/** An enabled account as the assignment pickers list it. */
export type Advisor = Pick<Account, 'id' | 'name' | 'email' | 'role'>;

/** One audit event as GET /api/admin/audit returns it, with the actor's and client's names joined in. */
export type AuditEventView = {
  id: string;
  at: string;
  actorType: 'user' | 'upload-link' | 'system';
  actorId: string | null;
  actorName: string | null;
  action: AuditAction;
  targetType: string;
  targetId: string | null;
  clientId: string | null;
  clientName: string | null;
  /** The target account's name or document's file name, while it exists. */
  targetName: string | null;
  requestId: string | null;
  details: Record<string, string | number | boolean | null> | null;
};

/** The facts the public upload page receives about a valid link, with nothing about the client. */
export type PublicUploadLink = { centreName: string; expiresAt: string; maxUploadMb: number };

/** A document a client sent through their upload link, as the public upload page shows it. */
export type PublicUploadDocument = { id: string; filename: string; status: DocumentStatus; pagesDone: number; pagesTotal: number | null; failure: string | null };

/** One client as GET /api/clients/{id} returns it, with whether this user may erase it. */
export type ClientDetail = ClientView & { erasure: ErasureRight };
