import type { QueryClient } from '@tanstack/react-query';
import { fetchJson, send, toApiError } from './api';
import type { AccountWithLockout, Advisor, SavedLetterView, AuditEventView, CentreSettings, ClientDetail, ClientView, DebtsResponse, DocumentDetail, DocumentView, Health, MergeProposalView, Page, PublicUploadDocument, PublicUploadLink, UploadLinkView } from './types';

/** The owner of a list of documents: one client's case, or the centre's knowledge base. */
export type DocumentScope = { kind: 'client'; clientId: string } | { kind: 'knowledge' };

export function documentsUrl(scope: DocumentScope): string {
  return scope.kind === 'client' ? `/api/clients/${scope.clientId}/documents` : '/api/knowledge/documents';
}

/** Returns the streaming endpoint that answers questions about a scope's documents. */
export function askUrl(scope: DocumentScope): string {
  return scope.kind === 'client' ? `/api/clients/${scope.clientId}/ask` : '/api/knowledge/ask';
}

export const queryKeys = {
  clients: ['clients'] as const,
  client: (clientId: string) => ['clients', clientId] as const,
  documents: (scope: DocumentScope) => ['documents', scope.kind === 'client' ? scope.clientId : 'knowledge'] as const,
  document: (documentId: string) => ['document', documentId] as const,
  pages: (documentId: string) => ['pages', documentId] as const,
  debts: (clientId: string) => ['debts', clientId] as const,
  mergeProposals: (clientId: string) => ['merge-proposals', clientId] as const,
  keptApart: (clientId: string) => ['merge-proposals', clientId, 'rejected'] as const,
  graph: ['graph'] as const,
  health: ['health'] as const,
  models: ['models'] as const,
  advisors: ['advisors'] as const,
  clientAdvisors: (clientId: string) => ['client-advisors', clientId] as const,
  uploadLinks: (clientId: string) => ['upload-links', clientId] as const,
  clientLetters: (clientId: string) => ['client-letters', clientId] as const,
  accounts: ['admin', 'users'] as const,
  settings: ['admin', 'settings'] as const,
  audit: (query: AuditQuery) => ['admin', 'audit', query] as const,
  publicUploadLink: (token: string) => ['public-upload', token, 'link'] as const,
  publicUploadDocuments: (token: string) => ['public-upload', token, 'documents'] as const,
};

export const fetchClients = () => fetchJson<{ clients: ClientView[] }>('/api/clients');
export const fetchClient = (clientId: string) => fetchJson<ClientDetail>(`/api/clients/${clientId}`);
export const fetchDocuments = (scope: DocumentScope) => fetchJson<{ documents: DocumentView[] }>(documentsUrl(scope));
export const fetchDocument = (documentId: string) => fetchJson<DocumentDetail>(`/api/documents/${documentId}`);
export const fetchPages = (documentId: string) => fetchJson<{ pages: Page[] }>(`/api/documents/${documentId}/pages`);
export const fetchDebts = (clientId: string) => fetchJson<DebtsResponse>(`/api/clients/${clientId}/debts`);
export const fetchKeptApart = (clientId: string) => fetchJson<{ proposals: MergeProposalView[] }>(`/api/clients/${clientId}/merge-proposals?status=rejected`);
export const fetchMergeProposals = (clientId: string) => fetchJson<{ proposals: MergeProposalView[] }>(`/api/clients/${clientId}/merge-proposals?status=open`);
export const fetchAdvisors = () => fetchJson<{ advisors: Advisor[] }>('/api/advisors');
export const fetchClientAdvisors = (clientId: string) => fetchJson<{ advisors: Advisor[] }>(`/api/clients/${clientId}/advisors`);
export const fetchClientLetters = (clientId: string) => fetchJson<{ letters: SavedLetterView[] }>(`/api/clients/${clientId}/letters`);
export const fetchUploadLinks = (clientId: string) => fetchJson<{ links: UploadLinkView[] }>(`/api/clients/${clientId}/upload-links`);
export const fetchAccounts = () => fetchJson<{ users: AccountWithLockout[] }>('/api/admin/users');
export const fetchSettings = () => fetchJson<CentreSettings>('/api/admin/settings');

/** Filters and page of the audit log. Empty strings mean "any", and `from` and `to` are ISO timestamps. */
export type AuditQuery = { action: string; actorId: string; clientId: string; targetId: string; from: string; to: string; limit: number; offset: number };

export function auditUrl(query: AuditQuery): string {
  return `/api/admin/audit?${auditParams(query)}`;
}

/** Returns the CSV export's address for the same filters, without the page. */
export function auditExportUrl({ limit: _limit, offset: _offset, ...filters }: AuditQuery): string {
  return `/api/admin/audit/export?${auditParams(filters)}`;
}

/** Turns audit filters into query parameters, leaving out empty ones. */
function auditParams(values: Partial<AuditQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== '') params.set(key, String(value));
  }
  return params;
}

// The public upload page has no session, so a 401 there is not an ended session to sign in again for.
const publicRequest = { redirectOnUnauthenticated: false };
export const fetchPublicUploadLink = (token: string) => fetchJson<PublicUploadLink>(publicUploadUrl(token), undefined, publicRequest);
export const fetchPublicUploadDocuments = (token: string) => fetchJson<{ documents: PublicUploadDocument[] }>(`${publicUploadUrl(token)}/documents`, undefined, publicRequest);

export function publicUploadUrl(token: string): string {
  return `/api/upload/${encodeURIComponent(token)}`;
}

export const fetchAudit = (query: AuditQuery) => fetchJson<{ events: AuditEventView[]; limit: number; offset: number }>(auditUrl(query));

/** Writes a fresher view of one document into every cached list and detail that shows it. */
export function storeDocumentView(queryClient: QueryClient, scope: DocumentScope, view: DocumentView | DocumentDetail): void {
  queryClient.setQueryData<{ documents: DocumentView[] }>(queryKeys.documents(scope), (list) => {
    if (!list) return list;
    const { pages: _pages, ...summary } = view as DocumentDetail;
    return { documents: list.documents.map((document) => (document.id === view.id ? { ...document, ...summary } : document)) };
  });
  queryClient.setQueryData<DocumentDetail>(queryKeys.document(view.id), (detail) => (detail ? { ...detail, ...view } : detail));
}

/** Refreshes what a finished or removed document changes: counts, debts, pages and the graph. */
export function refreshAfterDocumentChange(queryClient: QueryClient, scope: DocumentScope, documentId: string): void {
  if (scope.kind === 'client') {
    void queryClient.invalidateQueries({ queryKey: queryKeys.debts(scope.clientId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.mergeProposals(scope.clientId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.client(scope.clientId) });
  }
  void queryClient.invalidateQueries({ queryKey: queryKeys.clients, exact: true });
  void queryClient.invalidateQueries({ queryKey: queryKeys.document(documentId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.pages(documentId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.graph });
}

/** Refreshes what a correction or a merge decision changes: the client's debts and totals, the open merge proposals and the graph. */
export function refreshAfterDebtChange(queryClient: QueryClient, clientId: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.debts(clientId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.mergeProposals(clientId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.graph }),
  ]);
}

/** Reads the health report, which arrives with status 503 when the records database is down. */
export async function fetchHealth(): Promise<Health> {
  const response = await send('/api/health');
  const body: unknown = await response.json().catch(() => null);
  if (typeof body === 'object' && body !== null && 'dependencies' in body) return body as Health;
  throw toApiError(response.status, body);
}
