import type { AuditAction, AuditEventView } from '@/lib/client/types';

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
};

/** Readable names of the target types the API records. A type missing here is shown with its dashes turned to spaces. */
const targetTypeLabels: Record<string, string> = {
  account: 'Account',
  'account-lockout': 'Sign-in lockout',
  'account-password': 'Account password',
  client: 'Client',
  'client-advisors': "Client's advisors",
  debts: 'Debts',
  document: 'Document',
  'document-file': 'Original file',
  'document-list': 'Document list',
  'document-markdown': 'Markdown export',
  'document-pages': 'Document pages',
  graph: 'Graph',
  letter: 'Letter',
  model: 'Model',
  session: 'Session',
  settings: 'Settings',
  'upload-link': 'Upload link',
  'upload-link-qr': 'Upload link QR code',
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

/** Returns the link to the screen of an event's target, when the target has one. */
export function targetHref(event: AuditEventView): string | null {
  if (!event.targetId) return null;
  if (event.targetType === 'document' || event.targetType === 'document-file' || event.targetType === 'document-markdown' || event.targetType === 'document-pages') {
    return `/documents/${event.targetId}`;
  }
  if (event.targetType === 'client' || event.targetType === 'client-advisors') return `/clients/${event.targetId}`;
  return null;
}
