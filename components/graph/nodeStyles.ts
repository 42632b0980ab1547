import type { LinkPriority } from '@/lib/client/graph-view';
import type { GraphNodeType } from '@/lib/client/types';

export { nodeTypeLabels } from '@/lib/graph/names';

/**
 * Fill colour of each node type, shared by the canvas and the legend. Red, blue and amber are kept
 * for debt priority, so no node type uses them. Debts are near black and documents light grey,
 * because they differ in lightness for readers who do not tell hues apart.
 */
export const nodeColours: Record<GraphNodeType, string> = {
  Client: '#0f766e',
  Document: '#94a3b8',
  Creditor: '#7c3aed',
  Debt: '#1e293b',
  Deadline: '#15803d',
  CourtClaim: '#be185d',
};

/** Base radius of each node type in graph units, before the growth with the node's links. */
export const nodeBaseRadius: Record<GraphNodeType, number> = {
  Client: 6,
  Document: 3.5,
  Creditor: 5,
  Debt: 4,
  Deadline: 3,
  CourtClaim: 3.5,
};

/**
 * Colours of the links that carry a debt's priority (client to debt, debt to creditor), and of the
 * ring around a debt. Debts not yet classified are amber and dashed, so they stand apart from
 * priority debts without relying on colour alone.
 */
export const priorityColours: Record<LinkPriority, string> = {
  priority: '#dc2626',
  'non-priority': '#2563eb',
  unclassified: '#d97706',
  none: '#cbd5e1',
};

export const priorityLabels: Record<Exclude<LinkPriority, 'none'>, string> = {
  priority: 'Priority debt',
  'non-priority': 'Non-priority debt',
  unclassified: 'Priority not known yet',
};

/** Dash pattern of links whose debt has no priority yet, in graph units (the library does not scale dashes with the zoom). */
export const UNCLASSIFIED_DASH = [4, 3];

export function colourOf(type: string): string {
  return nodeColours[type as GraphNodeType] ?? '#64748b';
}

export function baseRadiusOf(type: string): number {
  return nodeBaseRadius[type as GraphNodeType] ?? 4;
}

export const linkTypeLabels: Record<string, string> = {
  HAS_DOCUMENT: 'has document',
  OWES: 'owes',
  MENTIONED_IN: 'mentioned in',
  OWED_TO: 'owed to',
  ORIGINALLY_OWED_TO: 'originally owed to',
  COLLECTED_BY: 'collected by',
  HAS_DEADLINE: 'has deadline',
  CLAIMED_IN: 'claimed in',
};

export function linkTypeLabel(type: string): string {
  return linkTypeLabels[type] ?? type.toLowerCase().replace(/_/g, ' ');
}
