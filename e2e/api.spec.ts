import crypto from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { e2eMetricsToken } from './playwright.config';
import { createClientByApi, fakeModelServer, sample } from './support/fakes';

type ErrorBody = { error: { code: string; message: string; retryable: boolean } };

function expectErrorBody(body: ErrorBody, code: string) {
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(20);
  expect(typeof body.error.retryable).toBe('boolean');
}

/** Posts one file as the multipart field "file". */
async function upload(request: APIRequestContext, path: string, [file]: [{ name: string; mimeType: string; buffer: Buffer }]) {
  return request.post(path, { multipart: { file } });
}

test.beforeEach(async ({ request }) => {
  await fakeModelServer(request, 'text').reset();
  await fakeModelServer(request, 'vision').reset();
});

test('health lists every dependency', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const health = await response.json();
  expect(health.status).toBe('ok');
  expect(health.dependencies.map((dependency: { name: string }) => dependency.name)).toEqual(['database', 'vectors', 'graph', 'queue']);
  expect(health.models.map((role: { role: string; activeModel: string }) => [role.role, role.activeModel])).toEqual([
    ['text', 'llama3.2'],
    ['vision', 'llava:7b'],
    ['embed', 'nomic-embed-text'],
  ]);
});

test('invalid requests get the error shape', async ({ request }) => {
  const noName = await request.post('/api/clients', { data: {} });
  expect(noName.status()).toBe(422);
  expectErrorBody(await noName.json(), 'invalid_request');

  const notJson = await request.post('/api/clients', { data: 'name=x', headers: { 'content-type': 'text/plain' } });
  expect(notJson.status()).toBe(422);
  expectErrorBody(await notJson.json(), 'invalid_request');

  const badId = await request.get('/api/clients/not-an-id');
  expect(badId.status()).toBe(422);

  const missing = await request.get(`/api/clients/${crypto.randomUUID()}`);
  expect(missing.status()).toBe(404);
  expectErrorBody(await missing.json(), 'not_found');

  const badGraph = await request.get('/api/graph?types=Bogus&limit=abc');
  expect(badGraph.status()).toBe(422);

  const badQuestion = await request.post(`/api/clients/${crypto.randomUUID()}/ask`, { data: { question: '' } });
  expect(badQuestion.status()).toBe(422);
  expectErrorBody(await badQuestion.json(), 'invalid_request');
});

test('uploads are checked by their bytes', async ({ request }) => {
  const clientId = await createClientByApi(request, 'API Upload Client');
  const notMultipart = await request.post(`/api/clients/${clientId}/documents`, { data: { file: 'x' } });
  expect(notMultipart.status()).toBe(422);

  const html = await upload(request, `/api/clients/${clientId}/documents`, [{ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!DOCTYPE html><html><body>not a pdf</body></html>') }]);
  expect(html.status()).toBe(415);
  const body = await html.json();
  expectErrorBody(body, 'unsupported_file_type');
  expect(body.rejected[0].filename).toBe('letter.pdf');

  const empty = await upload(request, `/api/clients/${clientId}/documents`, [{ name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) }]);
  expect(empty.status()).toBe(422);
  expectErrorBody(await empty.json(), 'file_empty');
});

test('large uploads arrive whole or are rejected', async ({ request }) => {
  const clientId = await createClientByApi(request, 'API Large Upload Client');
  // A PDF header followed by 12 MB of data: stored as sent, then failed by processing as unreadable.
  const twelve = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(12 * 1024 * 1024)]);
  const accepted = await upload(request, `/api/clients/${clientId}/documents`, [{ name: 'big.pdf', mimeType: 'application/pdf', buffer: twelve }]);
  expect(accepted.status()).toBe(202);
  const [documentId] = (await accepted.json()).ids as string[];
  const stored = await request.get(`/api/documents/${documentId}/file`);
  expect(crypto.createHash('sha256').update(await stored.body()).digest('hex')).toBe(crypto.createHash('sha256').update(twelve).digest('hex'));

  const sixty = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(60 * 1024 * 1024)]);
  const rejected = await upload(request, `/api/clients/${clientId}/documents`, [{ name: 'huge.pdf', mimeType: 'application/pdf', buffer: sixty }]);
  expect(rejected.status()).toBe(413);
  expectErrorBody(await rejected.json(), 'payload_too_large');
  expect((await request.get('/api/health')).status()).toBe(200);
});

test('document lifecycle over HTTP', async ({ request }) => {
  const clientId = await createClientByApi(request, 'API Lifecycle Client');
  const response = await upload(request, `/api/clients/${clientId}/documents`, [
    { name: '01_council_tax_reminder.pdf', mimeType: 'application/pdf', buffer: fs.readFileSync(sample('synthetic/01_council_tax_reminder.pdf')) },
  ]);
  expect(response.status()).toBe(202);
  const [documentId] = (await response.json()).ids as string[];

  const events = await request.get(`/api/documents/${documentId}/events`);
  expect(events.headers()['content-type']).toContain('text/event-stream');
  const stream = await events.text();
  expect(stream).toContain('event: progress');
  expect(stream).toContain('"status":"ready"');

  const document = await (await request.get(`/api/documents/${documentId}`)).json();
  expect(document.pagesDone).toBe(1);
  expect(document.pages).toEqual([{ pageNumber: 1, method: 'text-layer', note: null }]);

  const markdown = await request.get(`/api/documents/${documentId}/markdown`);
  expect(markdown.headers()['content-type']).toContain('text/markdown');
  expect(await markdown.text()).toContain('£276.30');

  const debts = await (await request.get(`/api/clients/${clientId}/debts`)).json();
  expect(debts.debts[0].amount).toBe('276.30');
  expect(debts.debts[0].pageNumber).toBe(1);
  expect(debts.debts[0].documentId).toBe(documentId);

  const graph = await (await request.get(`/api/graph?clientId=${clientId}&types=Creditor,Debt&limit=50`)).json();
  expect(graph.nodes.map((node: { type: string }) => node.type).sort()).toEqual(['Creditor', 'Debt']);
  expect(graph.links).toEqual([expect.objectContaining({ type: 'OWED_TO' })]);

  const answer = await request.post(`/api/clients/${clientId}/ask`, { data: { question: 'How much council tax is overdue?' } });
  expect(answer.headers()['content-type']).toContain('application/x-ndjson');
  const answerEvents = (await answer.text()).trim().split('\n').map((line) => JSON.parse(line));
  expect(answerEvents[0].type).toBe('sources');
  expect(answerEvents.at(-1)).toEqual({ type: 'done', cited: [1], unsupported: [] });

  expect((await request.delete(`/api/documents/${documentId}`)).status()).toBe(204);
  expect((await request.get(`/api/documents/${documentId}`)).status()).toBe(404);
  expect((await (await request.get(`/api/clients/${clientId}/debts`)).json()).debts).toEqual([]);

  expect((await request.delete(`/api/clients/${clientId}`)).status()).toBe(204);
  expect((await request.get(`/api/clients/${clientId}`)).status()).toBe(404);
});

test('convert and OCR store nothing', async ({ request }) => {
  const before = (await (await request.get('/api/clients')).json()).clients.length;
  const converted = await upload(request, '/api/convert', [{ name: 'a.pdf', mimeType: 'application/pdf', buffer: fs.readFileSync(sample('synthetic/01_council_tax_reminder.pdf')) }]);
  expect(converted.status()).toBe(200);
  const result = await converted.json();
  expect(result.method).toBe('text-layer');
  expect(result.markdown).toContain('£276.30');

  const locked = await request.post('/api/convert', {
    multipart: { file: { name: 'c01.pdf', mimeType: 'application/pdf', buffer: fs.readFileSync(sample('public/c01_pdfminer_aes-256_user-baz_owner-foo.pdf')) }, password: 'baz' },
  });
  expect((await locked.json()).markdown).toContain('Secret!');

  const noPassword = await upload(request, '/api/convert', [{ name: 'c01.pdf', mimeType: 'application/pdf', buffer: fs.readFileSync(sample('public/c01_pdfminer_aes-256_user-baz_owner-foo.pdf')) }]);
  expect(noPassword.status()).toBe(422);
  expectErrorBody(await noPassword.json(), 'pdf_password_required');

  await fakeModelServer(request, 'vision').setBehaviour({ mode: 'fail' });
  const ocr = await upload(request, '/api/ocr', [{ name: 'scan.jpg', mimeType: 'image/jpeg', buffer: fs.readFileSync(sample('synthetic/01_council_tax_reminder.scan-p1.jpg')) }]);
  expect(ocr.status()).toBe(200);
  const ocrResult = await ocr.json();
  expect(ocrResult.method).toBe('ocr');
  expect(ocrResult.text).toContain('40118823');

  expect((await (await request.get('/api/clients')).json()).clients.length).toBe(before);
});

test('metrics need their token', async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get('/api/metrics')).status()).toBe(401);
  const scraped = await anonymous.get('/api/metrics', { headers: { authorization: `Bearer ${e2eMetricsToken}` } });
  expect(scraped.status()).toBe(200);
  const text = await scraped.text();
  expect(text).toContain('rma_http_request_duration_seconds_bucket{le="0.01",route="/api/clients/:id/documents"');
  expect(text).toContain('rma_model_call_duration_seconds_count{role="embed",provider="ollama",outcome="ok"}');
  expect(text).toContain('rma_queue_jobs{state="queued"}');
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  await anonymous.dispose();
});
