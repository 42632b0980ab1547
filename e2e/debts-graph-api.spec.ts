import path from 'node:path';
import { expect, test } from '@playwright/test';
import { storageStates } from './playwright.config';
import { createClientByApi, fakeModelServer, sample, uploadPdfsInOrder } from './support/fakes';

const resolutionLetters = path.resolve(import.meta.dirname, '../tests/fixtures/resolution');

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
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toBe('record,id,type,label,client_id,client,source,target,amount,priority,account_reference,as_of_date,pages,properties');
  const exported = await (await request.get(`/api/graph/export?clientId=${clientId}&format=json`)).json();
  expect(lines.filter((line) => line.startsWith('node,'))).toHaveLength(exported.nodes.length);
  expect(lines.filter((line) => line.startsWith('link,'))).toHaveLength(exported.links.length);
  const debtsOnly = await (await request.get(`/api/graph/export?clientId=${clientId}&format=csv&types=Debt`)).text();
  expect(debtsOnly).toContain(`,${clientId},API Resolution Client,`);
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
