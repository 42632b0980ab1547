import { describe, expect, it } from 'vitest';
import { shapeGraph } from './query';
import type { Graph, GraphNode } from './types';

const clientId = '2b7d6c9e-4a51-4a0e-9a43-3f1f2c0d8e11';

function debt(id: string, properties: GraphNode['properties']): GraphNode {
  return { id: `debt:${id}`, type: 'Debt', label: `£${properties.amount}`, clientId, properties };
}

const scope: Graph = {
  nodes: [
    { id: `client:${clientId}`, type: 'Client', label: 'Corinne Ashdale', clientId, properties: { clientId } },
    debt('council', { amount: 276.3, creditor: 'Stavewick Borough Council', documentType: 'council_tax', accountReference: '40118823' }),
    debt('energy', { amount: 612.48, creditor: 'Quillstone Energy Ltd', documentType: 'energy', accountReference: 'QE-30418857' }),
    debt('bailiff', { amount: 1287.48, creditor: 'Wexhollow City Council', documentType: 'enforcement_agent' }),
    { id: 'creditor:stavewick borough council', type: 'Creditor', label: 'Stavewick Borough Council', clientId: null, properties: { aliases: ['Stavewick BC'] } },
    { id: 'creditor:quillstone energy', type: 'Creditor', label: 'Quillstone Energy Ltd', clientId: null, properties: {} },
    { id: 'document:d1', type: 'Document', label: '05_energy_arrears.pdf', clientId, properties: {} },
  ],
  links: [
    { source: `client:${clientId}`, target: 'debt:council', type: 'OWES' },
    { source: `client:${clientId}`, target: 'debt:energy', type: 'OWES' },
    { source: `client:${clientId}`, target: 'debt:bailiff', type: 'OWES' },
    { source: 'debt:council', target: 'creditor:stavewick borough council', type: 'OWED_TO' },
    { source: 'debt:energy', target: 'creditor:quillstone energy', type: 'OWED_TO' },
    { source: 'debt:energy', target: 'document:d1', type: 'MENTIONED_IN' },
  ],
};

const found = (q: string) => shapeGraph({ q, limit: 100 }, scope).nodes.map((node) => node.id);

describe('graph search', () => {
  it('finds a debt by its type as typed', () => {
    expect(found('council tax')).toContain('debt:council');
  });

  it('finds a debt by its type label', () => {
    expect(found('bailiff')).toContain('debt:bailiff');
  });

  it('finds the debts of a creditor', () => {
    expect(found('Quillstone energy').sort()).toEqual(['creditor:quillstone energy', 'debt:energy']);
  });

  it('brings the neighbours of a match', () => {
    expect(found('council tax')).toEqual(expect.arrayContaining([`client:${clientId}`, 'creditor:stavewick borough council']));
  });

  it('leaves out debts of other types', () => {
    expect(found('council tax')).not.toContain('debt:energy');
  });

  it('finds a reference without its hyphen', () => {
    expect(found('QE30418857')).toContain('debt:energy');
  });

  it('finds a creditor by another name', () => {
    expect(found('stavewick bc')).toContain('creditor:stavewick borough council');
  });

  it('finds a document by words of its file name', () => {
    expect(found('energy arrears')).toContain('document:d1');
  });

  it('keeps the decimal point of amounts', () => {
    expect(found('12.87')).toEqual([]);
  });

  it('finds nothing for unknown words', () => {
    expect(found('water rates')).toEqual([]);
  });
});
