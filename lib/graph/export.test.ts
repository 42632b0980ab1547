import { describe, expect, it } from 'vitest';
import { graphToCsv } from './export';
import type { GraphResult } from './types';

const clientId = '2b7d6c9e-4a51-4a0e-9a43-3f1f2c0d8e11';

const graph: GraphResult = {
  nodes: [
    { id: `client:${clientId}`, type: 'Client', label: 'Ms Ada Fenwick', clientId, properties: { clientId } },
    { id: 'debt:d1', type: 'Debt', label: '£612.48', clientId, properties: { amount: 612.48, priority: true, accountReference: 'QE-30418857', asOfDate: '2026-10-12' } },
    { id: 'creditor:quillstone', type: 'Creditor', label: '=HYPERLINK("x")', clientId: null, properties: { aliases: ['Quillstone, Energy'] } },
  ],
  links: [{ source: 'debt:d1', target: 'creditor:quillstone', type: 'MENTIONED_IN', properties: { pages: [1, 2] } }],
  truncated: false,
  total: 3,
};

const rows = () => graphToCsv(graph).trimEnd().split('\r\n');

describe('graphToCsv', () => {
  it('names the client of each node', () => {
    expect(rows()[0]).toBe('record,id,type,label,client_id,client,source,target,amount,priority,account_reference,as_of_date,pages,properties');
    expect(rows()[2]).toBe(`node,debt:d1,Debt,£612.48,${clientId},Ms Ada Fenwick,,,612.48,true,QE-30418857,2026-10-12,,{}`);
  });

  it('names the client without its node', () => {
    const debtsOnly = { ...graph, nodes: graph.nodes.filter((node) => node.type !== 'Client') };
    const lines = graphToCsv(debtsOnly, new Map([[clientId, 'Ms Ada Fenwick']])).trimEnd().split('\r\n');
    expect(lines[1]).toContain(`,${clientId},Ms Ada Fenwick,`);
  });

  it('defuses spreadsheet formulas', () => {
    expect(rows()[3]).toContain(`,"'=HYPERLINK(""x"")",`);
  });

  it('lists link pages', () => {
    expect(rows()[4]).toBe('link,,MENTIONED_IN,,,,debt:d1,creditor:quillstone,,,,,1 2,{}');
  });
});
