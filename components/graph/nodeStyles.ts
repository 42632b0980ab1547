import { formatDate } from '@/lib/client/format';
import type { GraphNodeType } from '@/lib/client/types';

/** Fill colour of each node type, shared by the canvas and the legend. */
export const nodeColours: Record<GraphNodeType, string> = {
  Client: '#0f766e',
  Document: '#475569',
  Creditor: '#7c3aed',
  Debt: '#dc2626',
  Deadline: '#d97706',
  CourtClaim: '#1d4ed8',
};

export const nodeTypeLabels: Record<GraphNodeType, string> = {
  Client: 'Client',
  Document: 'Document',
  Creditor: 'Creditor',
  Debt: 'Debt',
  Deadline: 'Deadline',
  CourtClaim: 'Court claim',
};

/** Node radius in graph units; clients and creditors are the hubs advisors look for first. */
export const nodeRadius: Record<GraphNodeType, number> = {
  Client: 8,
  Document: 5,
  Creditor: 7,
  Debt: 5,
  Deadline: 4,
  CourtClaim: 5,
};

/** Returns the text that names a node on screen. A deadline's label is its ISO date, shown as "19 Oct 2026". */
export function nodeLabel(node: { type: string; label: string }): string {
  return node.type === 'Deadline' ? formatDate(node.label) : node.label;
}

export function colourOf(type: string): string {
  return nodeColours[type as GraphNodeType] ?? '#64748b';
}

export function radiusOf(type: string): number {
  return nodeRadius[type as GraphNodeType] ?? 5;
}

export const linkTypeLabels: Record<string, string> = {
  HAS_DOCUMENT: 'has document',
  OWES: 'owes',
  MENTIONED_IN: 'mentioned in',
  OWED_TO: 'owed to',
  ORIGINALLY_OWED_TO: 'originally owed to',
  COLLECTED_BY: 'collected by',
  HAS_DEADLINE: 'has deadline',
};

export function linkTypeLabel(type: string): string {
  return linkTypeLabels[type] ?? type.toLowerCase().replace(/_/g, ' ');
}
