/**
 * Names of graph nodes and relationships as advisors read them, shared by the /graph screen and the
 * CSV export. This module is imported by the browser too, so it uses no server-only module.
 */
import { formatDate, formatMoney } from '../client/format';
import type { GraphLinkType, GraphNode, GraphNodeType, GraphProperties } from './types';

export const nodeTypeLabels: Record<GraphNodeType, string> = {
  Client: 'Client',
  Document: 'Document',
  Creditor: 'Creditor',
  Debt: 'Debt',
  Deadline: 'Deadline',
  CourtClaim: 'Court claim',
};

/**
 * Names a debt by its creditor and amount, such as "Quillstone Energy Ltd £612.48". The amount alone
 * does not tell debts apart: copies of one letter, or clients owing one creditor, often give the same figure.
 */
export function debtName(properties: GraphProperties): string {
  const creditor = typeof properties.creditor === 'string' && properties.creditor.trim() !== '' ? properties.creditor : 'Unknown creditor';
  return typeof properties.amount === 'number' ? `${creditor} ${formatMoney(properties.amount)}` : `${creditor}, amount unknown`;
}

/**
 * Returns the name of a node as advisors read it. A debt is named from its creditor and amount, and
 * a deadline's label, which is its ISO date, is shown as "19 Oct 2026".
 */
export function nodeName(node: Pick<GraphNode, 'type' | 'label' | 'properties'>): string {
  if (node.type === 'Debt') return debtName(node.properties);
  if (node.type === 'Deadline') return formatDate(node.label);
  return node.label;
}

/**
 * Returns a node's name as listed beside another node's details. A debt of a client other than the
 * one `fromClientId` names carries that client's name, since debts of several clients to one
 * creditor often read alike.
 */
export function neighbourName(node: Pick<GraphNode, 'type' | 'label' | 'properties' | 'clientId'>, fromClientId: string | null, clientName: string | undefined): string {
  const otherClient = node.type === 'Debt' && node.clientId !== null && node.clientId !== fromClientId;
  return otherClient && clientName ? `${nodeName(node)} (${clientName})` : nodeName(node);
}

/**
 * Each relationship named from both of its ends, as a heading for the nodes at the other end: a
 * debt lists its client under "Owed by", and the client lists its debts under "Debts".
 */
const relationLabels: Record<GraphLinkType, { fromSource: string; fromTarget: string }> = {
  HAS_DOCUMENT: { fromSource: 'Documents', fromTarget: 'Client' },
  OWES: { fromSource: 'Debts', fromTarget: 'Owed by' },
  OWED_TO: { fromSource: 'Owed to', fromTarget: 'Debts owed to it' },
  ORIGINALLY_OWED_TO: { fromSource: 'Originally owed to', fromTarget: 'Debts originally owed to it' },
  COLLECTED_BY: { fromSource: 'Collected by', fromTarget: 'Debts it collects' },
  MENTIONED_IN: { fromSource: 'Mentioned in', fromTarget: 'Debts it mentions' },
  HAS_DEADLINE: { fromSource: 'Deadlines', fromTarget: 'Deadline of' },
  CLAIMED_IN: { fromSource: 'Court claim', fromTarget: 'Debts claimed' },
};

/** Returns the heading under which a node lists its neighbours over one relationship, seen from the given end of the link. */
export function relationLabel(type: string, end: 'source' | 'target'): string {
  const labels = relationLabels[type as GraphLinkType];
  if (!labels) return type.charAt(0) + type.slice(1).toLowerCase().replace(/_/g, ' ');
  return end === 'source' ? labels.fromSource : labels.fromTarget;
}
