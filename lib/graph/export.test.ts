import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, graphToCsv, linkedNodes } from './export';
import { shapeGraph } from './query';
import type { Graph, GraphNode } from './types';

const ada = '2b7d6c9e-4a51-4a0e-9a43-3f1f2c0d8e11';
const ben = '8f0c2a4d-1b3e-4c5f-9a6b-7c8d9e0f1a2b';

const node = (id: string, type: GraphNode['type'], label: string, clientId: string | null, properties: GraphNode['properties'] = {}): GraphNode => ({ id, type, label, clientId, properties });

/** Two clients owing one energy company, one of them also a card debt sold on to a debt purchaser. */
const scope: Graph = {
  nodes: [
    node(`client:${ada}`, 'Client', 'Ms Ada Fenwick', ada, { clientId: ada }),
    node(`client:${ben}`, 'Client', 'Ben Okafor', ben, { clientId: ben }),
    node('document:d1', 'Document', '05_energy_arrears.pdf', ada, { documentId: 'd1' }),
    node('document:d2', 'Document', '08_debt_collection_sold_on.pdf', ada, { documentId: 'd2' }),
    node('document:d3', 'Document', 'energy.pdf', ben, { documentId: 'd3' }),
    node('creditor:quillstone', 'Creditor', 'Quillstone Energy Ltd', null, { key: 'quillstone', aliases: ['Quillstone'] }),
    node('creditor:brackwater', 'Creditor', 'Brackwater Portfolio Recoveries Ltd', null),
    node('creditor:corrivale', 'Creditor', '=HYPERLINK("x")', null),
    node('debt:a1', 'Debt', '£612.48', ada, { amount: 612.48, priority: true, creditor: 'Quillstone Energy Ltd', documentType: 'energy', accountReference: 'QE-30418857', references: ['QE30418857', 'MPAN1234'], asOfDate: '2026-09-30', documentId: 'd1', pageNumber: 1 }),
    node('debt:a2', 'Debt', '£3,702.56', ada, { amount: 3702.56, priority: false, creditor: 'Brackwater Portfolio Recoveries Ltd', documentType: 'debt_collection', documentId: 'd2', pageNumber: 1 }),
    node('debt:b1', 'Debt', '£612.48', ben, { amount: 612.48, creditor: 'Quillstone Energy Ltd', documentType: 'energy', documentId: 'd3', pageNumber: 2 }),
    node('deadline:a1:2026-10-14', 'Deadline', '2026-10-14', ada, { date: '2026-10-14', what: 'Pay £612.48 or call us', debtId: 'a1', documentId: 'd1', pageNumber: 1 }),
  ],
  links: [
    { source: `client:${ada}`, target: 'document:d1', type: 'HAS_DOCUMENT' },
    { source: `client:${ada}`, target: 'document:d2', type: 'HAS_DOCUMENT' },
    { source: `client:${ben}`, target: 'document:d3', type: 'HAS_DOCUMENT' },
    { source: `client:${ada}`, target: 'debt:a1', type: 'OWES', properties: { amount: 612.48, priority: true } },
    { source: `client:${ada}`, target: 'debt:a2', type: 'OWES', properties: { amount: 3702.56, priority: false } },
    { source: `client:${ben}`, target: 'debt:b1', type: 'OWES', properties: { amount: 612.48 } },
    { source: 'debt:a1', target: 'creditor:quillstone', type: 'OWED_TO' },
    { source: 'debt:b1', target: 'creditor:quillstone', type: 'OWED_TO' },
    { source: 'debt:a2', target: 'creditor:brackwater', type: 'OWED_TO' },
    { source: 'debt:a2', target: 'creditor:corrivale', type: 'ORIGINALLY_OWED_TO' },
    { source: 'debt:a1', target: 'document:d1', type: 'MENTIONED_IN', properties: { pageNumber: 1, pages: [1, 2] } },
    { source: 'debt:a2', target: 'document:d2', type: 'MENTIONED_IN', properties: { pageNumber: 1, pages: [1] } },
    { source: 'debt:b1', target: 'document:d3', type: 'MENTIONED_IN', properties: { pageNumber: 2, pages: [2] } },
    { source: 'debt:a1', target: 'deadline:a1:2026-10-14', type: 'HAS_DEADLINE' },
  ],
};

/** Parses the CSV the simple way, because no cell in these graphs contains a line break. */
function parse(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trimEnd().split('\r\n').map(cells);
  return lines.map((line) => Object.fromEntries(header.map((name, index) => [name, line[index]])));
}

function cells(line: string): string[] {
  const found: string[] = [];
  const pattern = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (const match of line.matchAll(pattern)) {
    found.push(match[1].startsWith('"') ? match[1].slice(1, -1).replace(/""/g, '"') : match[1]);
    if (match[2] === '') break;
  }
  return found;
}

const everything = shapeGraph({ limit: 100 }, scope);
const rowNamed = (rows: Record<string, string>[], name: string, client?: string) => rows.find((row) => row.Name === name && (client === undefined || row.Client === client))!;

describe('graphToCsv', () => {
  it('writes readable column names', () => {
    expect(graphToCsv(everything, scope).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
  });

  it('writes one row per node', () => {
    expect(parse(graphToCsv(everything, scope))).toHaveLength(scope.nodes.length);
  });

  it('lists debts first', () => {
    expect(parse(graphToCsv(everything, scope)).slice(0, 3).map((row) => row.Type)).toEqual(['Debt', 'Debt', 'Debt']);
  });

  it('names a debt by creditor and amount', () => {
    const rows = parse(graphToCsv(everything, scope));
    expect(rowNamed(rows, 'Quillstone Energy Ltd £612.48', 'Ben Okafor')).toBeDefined();
  });

  it('fills the columns of a debt', () => {
    const debt = rowNamed(parse(graphToCsv(everything, scope)), 'Quillstone Energy Ltd £612.48', 'Ms Ada Fenwick');
    expect(debt).toEqual({
      Type: 'Debt',
      Name: 'Quillstone Energy Ltd £612.48',
      Client: 'Ms Ada Fenwick',
      Creditor: 'Quillstone Energy Ltd',
      'Original creditor': '',
      'Collecting agent': '',
      'Debt type': 'Energy',
      'Amount (£)': '612.48',
      Priority: 'Priority',
      Reference: 'QE-30418857; MPAN1234',
      'Balance as of': '2026-09-30',
      Date: '',
      Details: '',
      'Documents and pages': '05_energy_arrears.pdf (pages 1, 2)',
      'Linked to': 'Deadlines: 14 Oct 2026',
    });
  });

  it('writes priority as words', () => {
    const rows = parse(graphToCsv(everything, scope));
    expect(['Ms Ada Fenwick', 'Ben Okafor'].map((client) => rowNamed(rows, 'Quillstone Energy Ltd £612.48', client).Priority)).toEqual(['Priority', 'Not known']);
    expect(rowNamed(rows, 'Brackwater Portfolio Recoveries Ltd £3,702.56').Priority).toBe('Non-priority');
  });

  it('names the original creditor', () => {
    const debt = rowNamed(parse(graphToCsv(everything, scope)), 'Brackwater Portfolio Recoveries Ltd £3,702.56');
    expect(debt['Original creditor']).toBe(`'=HYPERLINK("x")`);
  });

  it('names the clients of a shared creditor', () => {
    expect(rowNamed(parse(graphToCsv(everything, scope)), 'Quillstone Energy Ltd').Client).toBe('Ben Okafor; Ms Ada Fenwick');
  });

  it('names linked debts with their clients', () => {
    const creditor = rowNamed(parse(graphToCsv(everything, scope)), 'Quillstone Energy Ltd');
    expect(creditor['Linked to']).toBe('Debts owed to it: Quillstone Energy Ltd £612.48 (Ms Ada Fenwick); Quillstone Energy Ltd £612.48 (Ben Okafor)');
  });

  it('gives no internal ids', () => {
    expect(graphToCsv(everything, scope)).not.toMatch(/(client|debt|document|creditor):/);
  });

  it('writes a deadline with its date and text', () => {
    const deadline = rowNamed(parse(graphToCsv(everything, scope)), '14 Oct 2026');
    expect([deadline.Date, deadline.Details, deadline['Documents and pages'], deadline['Linked to']]).toEqual(['2026-10-14', 'Pay £612.48 or call us', '05_energy_arrears.pdf (page 1)', 'Deadline of: Quillstone Energy Ltd £612.48']);
  });

  it('lists a client documents and debts', () => {
    const client = rowNamed(parse(graphToCsv(everything, scope)), 'Ben Okafor');
    expect(client['Linked to']).toBe('Documents: energy.pdf | Debts: Quillstone Energy Ltd £612.48');
  });

  it('names what filters left out', () => {
    const debtsOnly = shapeGraph({ types: ['Debt'], limit: 100 }, scope);
    const debt = rowNamed(parse(graphToCsv(debtsOnly, scope)), 'Brackwater Portfolio Recoveries Ltd £3,702.56');
    expect([debt.Client, debt.Creditor, debt['Documents and pages']]).toEqual(['Ms Ada Fenwick', 'Brackwater Portfolio Recoveries Ltd', '08_debt_collection_sold_on.pdf (page 1)']);
  });

  it('takes client names from the records', () => {
    const withoutClients = { nodes: scope.nodes.filter((item) => item.type !== 'Client'), links: scope.links };
    const debt = parse(graphToCsv(withoutClients, withoutClients, new Map([[ben, 'Mr Ben Okafor']]))).find((row) => row.Type === 'Debt' && row.Client === 'Mr Ben Okafor');
    expect(debt?.Name).toBe('Quillstone Energy Ltd £612.48');
  });

  it('defuses spreadsheet formulas', () => {
    expect(graphToCsv(everything, scope)).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('linkedNodes', () => {
  it('adds the neighbours a table names', () => {
    const bensDebt = { nodes: scope.nodes.filter((item) => item.id === 'debt:b1'), links: [] };
    expect(linkedNodes(bensDebt, scope).map((item) => item.id).sort()).toEqual([`client:${ben}`, 'creditor:quillstone', 'debt:b1', 'document:d3']);
  });
});
