import type { BadgeTone } from '@/components/ui/Badge';
import { fieldLabels } from '@/lib/client/debt-corrections';
import { erasureReasonLabels, roleLabels } from '@/lib/client/format';
import type { AuditAction, AuditEventView, DebtField, ErasureReason, Role } from '@/lib/client/types';

export const actionLabels: Record<AuditAction, string> = {
  view: 'Viewed',
  upload: 'Uploaded',
  download: 'Downloaded',
  export: 'Exported',
  delete: 'Deleted',
  create: 'Created',
  update: 'Changed',
  ask: 'Asked a question',
  'sign-in': 'Signed in',
  'sign-out': 'Signed out',
  refused: 'Refused access',
};

/** Readable names of the target types the API records. A type missing here is shown with its dashes turned to spaces. */
const targetTypeLabels: Record<string, string> = {
  account: 'Account',
  'account-lockout': 'Sign-in lockout',
  'account-password': 'Account password',
  'audit-log': 'Audit log',
  client: 'Client',
  'client-advisors': "Client's advisors",
  debts: 'Debts',
  document: 'Document',
  'document-file': 'Original file',
  'document-list': 'Document list',
  'document-markdown': 'Markdown export',
  'document-pages': 'Document pages',
  'document-page-pictures': 'Page pictures',
  graph: 'Graph',
  letter: 'Letter',
  letters: 'Letters',
  model: 'Model',
  session: 'Session',
  settings: 'Settings',
  'upload-link': 'Upload link',
  'upload-link-qr': 'Upload link QR code',
  route: 'Page or action',
};

export function targetTypeLabel(targetType: string): string {
  const known = targetTypeLabels[targetType];
  if (known) return known;
  const words = targetType.replace(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Returns the first eight characters of an id, enough to tell ids apart on screen. The full id goes in a tooltip. */
export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

/** Returns whether an event records a rejected sign-in, which the API marks with details.succeeded = false. */
export function isFailedSignIn(event: AuditEventView): boolean {
  return event.action === 'sign-in' && event.details?.succeeded === false;
}

/** Returns the action column's badge: its words and its colour. */
export function actionBadge(event: AuditEventView): { label: string; tone: BadgeTone } {
  if (isFailedSignIn(event)) return { label: 'Sign-in rejected', tone: 'danger' };
  if (event.action === 'refused') return { label: actionLabels.refused, tone: 'danger' };
  if (event.action === 'delete' && event.targetType === 'upload-link') return { label: 'Revoked', tone: 'warning' };
  // Lockouts carry details.locked = true. Unlocks carry false, or nothing when recorded before lockouts were.
  if (event.action === 'update' && event.targetType === 'account-lockout') {
    return event.details?.locked === true ? { label: 'Locked out', tone: 'warning' } : { label: 'Unlocked', tone: 'neutral' };
  }
  return { label: actionLabels[event.action] ?? event.action, tone: event.action === 'delete' ? 'warning' : 'neutral' };
}

/** Returns the link to the screen of an event's target, when the target has one. */
export function targetHref(event: AuditEventView): string | null {
  if (!event.targetId) return null;
  if (event.targetType === 'document' || event.targetType === 'document-file' || event.targetType === 'document-markdown' || event.targetType === 'document-pages') {
    return `/documents/${event.targetId}`;
  }
  if (event.targetType === 'client' || event.targetType === 'client-advisors') return `/clients/${event.targetId}`;
  return null;
}

/** Readable names of the detail keys the API records. A key missing here is shown as it is. */
const detailLabels: Record<string, string> = {
  advisors: 'Advisors assigned',
  advisorsSeeAllClients: 'Advisors see all clients',
  debtId: 'Merged into debt',
  debts: 'Debts',
  decision: 'Decision',
  disabled: 'Disabled',
  documents: 'Documents',
  emailChanged: 'Email changed',
  events: 'Events',
  failedSignIns: 'Failed sign-ins',
  fields: 'Fields',
  format: 'Format',
  letters: 'Letters',
  links: 'Links',
  lockoutLifted: 'Lifted a sign-in lockout',
  mentions: 'Letters moved',
  mergedDebtId: 'Took in debt',
  method: 'Method',
  nameChanged: 'Name changed',
  nodes: 'Nodes',
  proposals: 'Merge proposals',
  pull: 'Model download',
  reason: 'Reason',
  retry: 'Processed again',
  role: 'Role',
  route: 'Address',
  separatedDebtId: 'Separated into debt',
  source: 'Created by',
  status: 'Response status',
  succeeded: 'Succeeded',
  // Graph views and audit log exports both record it: more nodes or events matched than the limit allows.
  truncated: 'Cut short at the limit',
  withPassword: 'With a PDF password',
};

/** The ways an account can be created outside the Users screen. */
const accountSources: Record<string, string> = {
  command: 'npm run admin:create',
  environment: 'ADMIN_EMAIL at first start',
};

/** Outcomes of a sign-in by the response status the API recorded. */
const signInOutcomes: Record<number, string> = {
  200: 'Signed in',
  401: 'Wrong email or password',
  403: 'Account disabled',
  429: 'Account locked after failed sign-ins',
};

type DetailRow = { key: string; label: string; value: string };

/** Detail keys the action badge already shows in words. */
const keysInBadge = new Set(['locked']);

/** Returns an event's details as label and value pairs for the audit table, leaving out keys with no value. */
export function detailRows(event: Pick<AuditEventView, 'action' | 'details'>): DetailRow[] {
  const details = event.details ?? {};
  if (event.action === 'sign-in' && typeof details.status === 'number') {
    return [{ key: 'outcome', label: 'Outcome', value: signInOutcomes[details.status] ?? `Response status ${details.status}` }];
  }
  if (event.action === 'refused' && typeof details.route === 'string') {
    return [{ key: 'request', label: 'Request', value: `${details.method ?? ''} ${details.route}`.trim() }];
  }
  return Object.entries(details)
    .filter(([key, value]) => value !== null && !keysInBadge.has(key))
    .map(([key, value]) => ({ key, label: detailLabels[key] ?? key, value: detailValue(key, value!) }));
}

function detailValue(key: string, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (key === 'role' && (value === 'admin' || value === 'advisor')) return roleLabels[value as Role];
  if (key === 'fields' && typeof value === 'string') {
    return value
      .split(',')
      .map((field) => (field === 'countInTotals' ? 'Counted in the totals' : (fieldLabels[field as DebtField] ?? field)))
      .join(', ');
  }
  if (key === 'reason' && typeof value === 'string') return erasureReasonLabels[value as ErasureReason] ?? value;
  if (key === 'source' && typeof value === 'string') return accountSources[value] ?? value;
  if ((key === 'debtId' || key === 'separatedDebtId' || key === 'mergedDebtId') && typeof value === 'string') return shortId(value);
  return String(value);
}
