import type { DebtRecord } from '../db/queries/debts';
import { normaliseOrganisationName } from '../entities/creditors';
import type { DocumentGraph, GraphLink, GraphNode } from './types';

/** The identity of a creditor node, so that "NORTHMERE BANK PLC" and "Northmere Bank plc." give one node. */
export function creditorKey(name: string): string {
  return normaliseOrganisationName(name);
}

export const nodeIds = {
  client: (clientId: string) => `client:${clientId}`,
  document: (documentId: string) => `document:${documentId}`,
  debt: (debtId: string) => `debt:${debtId}`,
  creditor: (name: string) => `creditor:${creditorKey(name)}`,
  deadline: (debtId: string, date: string) => `deadline:${debtId}:${date}`,
};

/**
 * Builds the graph of one document from its stored debts: the client owes each debt, the debt is
 * owed to its creditor (and originally to the original creditor), mentioned in the document on a page,
 * and has its deadlines. Creditor nodes are shared by every client that owes them.
 */
export function buildDocumentGraph(input: { clientId: string; document: { id: string; filename: string }; debts: DebtRecord[] }): DocumentGraph {
  const { clientId, document } = input;
  const nodes = new Map<string, GraphNode>();
  const links: GraphLink[] = [];
  const documentNode = nodeIds.document(document.id);
  nodes.set(documentNode, { id: documentNode, type: 'Document', label: document.filename, clientId, properties: { documentId: document.id } });
  links.push({ source: nodeIds.client(clientId), target: documentNode, type: 'HAS_DOCUMENT' });

  const addCreditor = (name: string | null, debtNode: string, type: string) => {
    if (!name || creditorKey(name) === '') return;
    const id = nodeIds.creditor(name);
    if (!nodes.has(id)) nodes.set(id, { id, type: 'Creditor', label: name, clientId: null, properties: { name } });
    links.push({ source: debtNode, target: id, type });
  };

  for (const debt of input.debts) {
    const debtNode = nodeIds.debt(debt.id);
    const amount = debt.amount === null ? null : Number(debt.amount);
    nodes.set(debtNode, {
      id: debtNode,
      type: 'Debt',
      label: amount === null ? 'Debt (amount unknown)' : `£${amount.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
      clientId,
      properties: {
        debtId: debt.id,
        amount,
        currency: debt.currency,
        accountReference: debt.accountReference,
        documentType: debt.documentType,
        priority: debt.priority,
        asOfDate: debt.asOfDate,
        documentId: document.id,
        pageNumber: debt.pageNumber,
      },
    });
    links.push({ source: nodeIds.client(clientId), target: debtNode, type: 'OWES' });
    links.push({ source: debtNode, target: documentNode, type: 'MENTIONED_IN', properties: { pageNumber: debt.pageNumber } });
    addCreditor(debt.creditor, debtNode, 'OWED_TO');
    addCreditor(debt.originalCreditor, debtNode, 'ORIGINALLY_OWED_TO');
    addCreditor(debt.collectingAgent, debtNode, 'COLLECTED_BY');

    for (const deadline of debt.deadlines) {
      const id = nodeIds.deadline(debt.id, deadline.date);
      nodes.set(id, { id, type: 'Deadline', label: deadline.date, clientId, properties: { date: deadline.date, what: deadline.what, documentId: document.id, pageNumber: debt.pageNumber } });
      links.push({ source: debtNode, target: id, type: 'HAS_DEADLINE' });
    }
  }
  return { clientId, documentId: document.id, nodes: [...nodes.values()], links };
}
