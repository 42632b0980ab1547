import type { CreditorRecord } from '../db/queries/creditors';
import type { ResolvedDebtView } from '../entities/debt-views';
import { normaliseReference } from '../entities/debt-identity';
import type { ClientGraph, GraphLink, GraphNode, GraphProperties, GraphValue } from './types';

export const nodeIds = {
  client: (clientId: string) => `client:${clientId}`,
  document: (documentId: string) => `document:${documentId}`,
  debt: (debtId: string) => `debt:${debtId}`,
  /** A creditor node is keyed by the creditor's normalised name, so every client's debts to it meet there. */
  creditor: (key: string) => `creditor:${key}`,
  deadline: (debtId: string, date: string) => `deadline:${debtId}:${date}`,
  courtClaim: (clientId: string, claimNumber: string) => `claim:${clientId}:${normaliseReference(claimNumber, 'claim')?.value ?? claimNumber}`,
};

/** Drops null and undefined values, which neither store keeps. */
export function compactProperties(properties: Record<string, GraphValue | undefined>): GraphProperties {
  return Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== null && value !== undefined)) as GraphProperties;
}

export function formatPounds(amount: string | null): string {
  if (amount === null) return 'Debt (amount unknown)';
  return `£${Number(amount).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export type ClientGraphInput = {
  client: { id: string; name: string };
  documents: { id: string; filename: string }[];
  debts: ResolvedDebtView[];
  creditors: Map<string, CreditorRecord>;
};

/**
 * Builds a client's graph from its resolved debts: one node per debt however many letters mention it,
 * linked to the client that owes it, the creditor it is owed to now (and originally, when it was sold
 * on), the collecting agent, every document that mentions it (with the pages), its deadlines and its
 * county court claim. Creditor nodes are shared by every client that owes them. Links from the client
 * and to the creditor carry the amount and priority, for sizing and colouring.
 */
export function buildClientGraph({ client, documents, debts, creditors }: ClientGraphInput): ClientGraph {
  const nodes = new Map<string, GraphNode>();
  const links: GraphLink[] = [];
  const clientNode = nodeIds.client(client.id);
  const add = (node: GraphNode) => nodes.set(node.id, node);

  add({ id: clientNode, type: 'Client', label: client.name, clientId: client.id, properties: { clientId: client.id } });
  for (const document of documents) {
    add({ id: nodeIds.document(document.id), type: 'Document', label: document.filename, clientId: client.id, properties: { documentId: document.id } });
    links.push({ source: clientNode, target: nodeIds.document(document.id), type: 'HAS_DOCUMENT' });
  }

  const creditorNode = (id: string | null): string | null => {
    const creditor = id ? creditors.get(id) : undefined;
    if (!creditor) return null;
    const nodeId = nodeIds.creditor(creditor.key);
    add({ id: nodeId, type: 'Creditor', label: creditor.name, clientId: null, properties: { key: creditor.key, name: creditor.name, aliases: creditor.aliases } });
    return nodeId;
  };

  for (const debt of debts) {
    const debtNode = nodeIds.debt(debt.id);
    const amount = debt.amount === null ? null : Number(debt.amount);
    const weight = compactProperties({ amount, priority: debt.priority });
    add({
      id: debtNode,
      type: 'Debt',
      label: formatPounds(debt.amount),
      clientId: client.id,
      properties: compactProperties({
        debtId: debt.id,
        amount,
        currency: debt.currency,
        accountReference: debt.accountReference,
        references: debt.references.map((reference) => reference.value),
        documentType: debt.documentType,
        priority: debt.priority,
        asOfDate: debt.asOfDate,
        creditor: debt.creditor,
        documentId: debt.documentId,
        pageNumber: debt.pageNumber,
        mentionCount: debt.mentions.length,
        lockedFields: debt.lockedFields,
      }),
    });
    links.push({ source: clientNode, target: debtNode, type: 'OWES', properties: weight });

    const owedTo = creditorNode(debt.creditorId);
    if (owedTo) links.push({ source: debtNode, target: owedTo, type: 'OWED_TO', properties: weight });
    const original = creditorNode(debt.originalCreditorId);
    if (original && original !== owedTo) links.push({ source: debtNode, target: original, type: 'ORIGINALLY_OWED_TO' });
    const agent = creditorNode(debt.collectingAgentId);
    if (agent && agent !== owedTo) links.push({ source: debtNode, target: agent, type: 'COLLECTED_BY' });

    const pagesByDocument = new Map<string, number[]>();
    for (const mention of debt.mentions) pagesByDocument.set(mention.documentId, [...new Set([...(pagesByDocument.get(mention.documentId) ?? []), mention.pageNumber])].sort((a, b) => a - b));
    for (const [documentId, pages] of pagesByDocument) {
      if (!nodes.has(nodeIds.document(documentId))) continue;
      links.push({ source: debtNode, target: nodeIds.document(documentId), type: 'MENTIONED_IN', properties: { pageNumber: pages[0], pages } });
    }

    for (const [date, whats] of groupDeadlines(debt.deadlines)) {
      const id = nodeIds.deadline(debt.id, date);
      add({ id, type: 'Deadline', label: date, clientId: client.id, properties: compactProperties({ date, what: whats.join('; '), debtId: debt.id, documentId: debt.documentId, pageNumber: debt.pageNumber }) });
      links.push({ source: debtNode, target: id, type: 'HAS_DEADLINE' });
    }

    if (debt.courtClaimNumber) {
      const id = nodeIds.courtClaim(client.id, debt.courtClaimNumber);
      add({ id, type: 'CourtClaim', label: debt.courtClaimNumber, clientId: client.id, properties: { claimNumber: debt.courtClaimNumber } });
      links.push({ source: debtNode, target: id, type: 'CLAIMED_IN' });
    }
  }
  return { clientId: client.id, nodes: [...nodes.values()], links };
}

function groupDeadlines(deadlines: { date: string; what: string }[]): Map<string, string[]> {
  const byDate = new Map<string, string[]>();
  for (const deadline of deadlines) byDate.set(deadline.date, [...(byDate.get(deadline.date) ?? []), deadline.what]);
  return byDate;
}
