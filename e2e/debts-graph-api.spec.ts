import path from 'node:path';
import { expect, test } from '@playwright/test';
import { storageStates } from './playwright.config';
import { createClientByApi, fakeModelServer, sample, uploadPdfsInOrder } from './support/fakes';

const resolutionLetters = path.resolve(import.meta.dirname, '../tests/fixtures/resolution');

/** Reads a CSV export into rows keyed by column name. No cell in these exports contains a line break. */
function csvRows(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map(csvCells);
  return lines.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index]])));
}

function csvCells(line: string): string[] {
  const cells: string[] = [];
  for (const [, cell, separator] of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
    cells.push(cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
    if (separator === '') break;
  }
  return cells;
}

test.beforeEach(async ({ request }) => {
  await fakeModelServer(request, 'text').reset();
  await fakeModelServer(request, 'vision').reset();
});

test('sold-on card is one debt over HTTP', async ({ request }) => {
  const clientId = await createClientByApi(request, 'API Resolution Client');
  const [, , soldOn] = await uploadPdfsInOrder(request, clientId, ['09_credit_card_statement', '07_default_notice_cca', '08_debt_collection_sold_on'].map((name) => sample(`synthetic/${name}.pdf`)));

  const body = await (await request.get(`/api/clients/${clientId}/debts`)).json();
  expect(body.debts).toHaveLength(1);
  const [card] = body.debts;
  expect(card.amount).toBe('3702.56');
  expect(card.documentId).toBe(soldOn);
  expect(card.balanceHistory.map((entry: { amount: string }) => entry.amount)).toEqual(['3405.46', '3655.19', '3702.56']);
  // The letters are to Ms Corinne Ashdale, not to this client, so the whole total comes from letters addressed to someone else.
  expect(body.totals).toEqual({ priority: '0.00', nonPriority: '3702.56', unclassifiedCount: 0, count: 1, elsewhere: { amount: '3702.56', count: 1 }, leftOut: { amount: '0.00', count: 0 } });

  const corrected = await request.patch(`/api/clients/${clientId}/debts/${card.id}`, { data: { priority: true, lock: ['amount'] } });
  expect(corrected.status()).toBe(200);
  const { debt } = await corrected.json();
  expect(debt.priority).toBe(true);
  expect(debt.lockedFields.sort()).toEqual(['amount', 'priority']);

  const invalid = await request.patch(`/api/clients/${clientId}/debts/${card.id}`, { data: { amount: '£lots' } });
  expect(invalid.status()).toBe(422);

  const graph = await (await request.get(`/api/graph?clientId=${clientId}&types=Debt,Creditor&limit=50`)).json();
  expect(graph.nodes.filter((node: { type: string }) => node.type === 'Debt')).toHaveLength(1);
  expect(graph.links.map((link: { type: string }) => link.type).sort()).toEqual(['ORIGINALLY_OWED_TO', 'OWED_TO']);
  const owedTo = graph.links.find((link: { type: string }) => link.type === 'OWED_TO');
  expect(owedTo.properties).toEqual({ amount: 3702.56, priority: true });

  const capped = await (await request.get(`/api/graph?clientId=${clientId}&limit=2`)).json();
  expect(capped.nodes).toHaveLength(2);
  expect(capped.truncated).toBe(true);
  expect(capped.total).toBeGreaterThan(2);
  const debtNode = graph.nodes.find((node: { type: string }) => node.type === 'Debt');
  const expanded = await (await request.get(`/api/graph?clientId=${clientId}&expand=${encodeURIComponent(debtNode.id)}&limit=50`)).json();
  expect(expanded.nodes[0].id).toBe(debtNode.id);
  expect(expanded.links.filter((link: { type: string }) => link.type === 'MENTIONED_IN')).toHaveLength(3);

  const csv = await request.get(`/api/graph/export?clientId=${clientId}&format=csv`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(csv.headers()['content-disposition']).toContain('attachment');
  const csvText = await csv.text();
  const rows = csvRows(csvText);
  expect(Object.keys(rows[0])).toEqual(['Type', 'Name', 'Client', 'Creditor', 'Original creditor', 'Collecting agent', 'Debt type', 'Amount (£)', 'Priority', 'Reference', 'Balance as of', 'Date', 'Details', 'Documents and pages', 'Linked to']);
  const exported = await (await request.get(`/api/graph/export?clientId=${clientId}&format=json`)).json();
  expect(rows).toHaveLength(exported.nodes.length);
  expect(csvText).not.toContain(`client:${clientId}`);
  const debtRow = rows.find((row) => row.Type === 'Debt')!;
  expect(debtRow.Name).toBe('Brackwater Portfolio Recoveries Ltd £3,702.56');
  expect(debtRow.Client).toBe('API Resolution Client');
  expect(debtRow.Creditor).toBe('Brackwater Portfolio Recoveries Ltd');
  expect(debtRow['Original creditor']).toBe('Corrivale Card Services Ltd');
  expect(debtRow['Amount (£)']).toBe('3702.56');
  expect(debtRow.Priority).toBe('Priority');
  expect(debtRow['Documents and pages'].split('; ').sort()).toEqual(['07_default_notice_cca.pdf (page 1)', '08_debt_collection_sold_on.pdf (page 1)', '09_credit_card_statement.pdf (page 1)']);
  const creditorRow = rows.find((row) => row.Name === 'Corrivale Card Services Ltd')!;
  expect(creditorRow['Linked to']).toBe('Debts originally owed to it: Brackwater Portfolio Recoveries Ltd £3,702.56');

  const debtsOnly = csvRows(await (await request.get(`/api/graph/export?clientId=${clientId}&format=csv&types=Debt`)).text());
  expect(debtsOnly.map((row) => [row.Type, row.Client, row.Creditor])).toEqual([['Debt', 'API Resolution Client', 'Brackwater Portfolio Recoveries Ltd']]);
  const priorityOnly = await (await request.get(`/api/graph/export?clientId=${clientId}&format=json&priority=non-priority`)).json();
  expect(priorityOnly.nodes.some((node: { type: string }) => node.type === 'Debt')).toBe(false);
});

test('merge proposal accepted over HTTP', async ({ request }) => {
  const clientId = await createClientByApi(request, 'API Proposal Client');
  await uploadPdfsInOrder(request, clientId, ['northmere-card-statement', 'northmere-card-reminder', 'northmere-loan-arrears'].map((name) => path.join(resolutionLetters, `${name}.pdf`)));

  expect((await (await request.get(`/api/clients/${clientId}/debts`)).json()).debts).toHaveLength(3);
  const { proposals } = await (await request.get(`/api/clients/${clientId}/merge-proposals`)).json();
  expect(proposals).toHaveLength(1);
  expect(proposals[0].reason).toBe('partial-reference');
  expect(proposals[0].explanation.length).toBeGreaterThan(20);

  const accepted = await request.post(`/api/clients/${clientId}/merge-proposals/${proposals[0].id}/accept`);
  expect(accepted.status()).toBe(200);
  expect((await accepted.json()).debt.balanceHistory).toHaveLength(2);
  const again = await request.post(`/api/clients/${clientId}/merge-proposals/${proposals[0].id}/reject`);
  expect(again.status()).toBe(404);

  const after = await (await request.get(`/api/clients/${clientId}/debts`)).json();
  expect(after.debts).toHaveLength(2);
  expect(after.totals.nonPriority).toBe('5552.18');
});

test('an all-clients graph export is audited under each client in it', async ({ request, playwright, baseURL }) => {
  const clientId = await createClientByApi(request, 'Graph Audit Client');
  await uploadPdfsInOrder(request, clientId, [sample('synthetic/01_council_tax_reminder.pdf')]);
  const exported = await request.get('/api/graph/export?format=csv');
  expect(exported.status()).toBe(200);

  const admin = await playwright.request.newContext({ baseURL, storageState: storageStates.admin });
  try {
    const events = (await (await admin.get(`/api/admin/audit?clientId=${clientId}&action=export`)).json()).events as { targetType: string; details: Record<string, unknown> }[];
    expect(events).toEqual([expect.objectContaining({ targetType: 'graph', details: expect.objectContaining({ format: 'csv', allClients: true }) })]);
  } finally {
    await admin.dispose();
  }
});

test('graph search finds debt types and names clients', async ({ request }) => {
  const clientId = await createClientByApi(request, 'Graph Search Client');
  await uploadPdfsInOrder(request, clientId, [sample('synthetic/01_council_tax_reminder.pdf'), sample('synthetic/05_energy_arrears.pdf')]);

  const found = await (await request.get(`/api/graph?clientId=${clientId}&q=${encodeURIComponent('council tax')}&types=Debt&limit=50`)).json();
  expect(found.nodes.map((node: { properties: { creditor: string } }) => node.properties.creditor)).toEqual(['Stavewick Borough Council']);
  expect(found.clientNames).toEqual({ [clientId]: 'Graph Search Client' });
  const byReference = await (await request.get(`/api/graph?clientId=${clientId}&q=QE30418857&types=Debt&limit=50`)).json();
  expect(byReference.nodes.map((node: { properties: { creditor: string } }) => node.properties.creditor)).toEqual(['Quillstone Energy Ltd']);
});
