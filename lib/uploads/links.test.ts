import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createAccount } from '@/lib/auth/accounts';
import { addClient } from '@/lib/clients';
import { documents, uploadLinks } from '@/lib/db/schema';
import { uploadDocuments } from '@/lib/documents/manage';
import { samplePath } from '@/lib/documents/test-samples';
import type { Services } from '@/lib/services';
import { createTestServices } from '@/tests/helpers/app-services';
import { createUploadLink, listLinkDocuments, listUploadLinks, rejectionsForClient, revokeUploadLink, uploadLinkQrPng, uploadToken, verifyUploadToken } from './links';

let services: Services;
let clientId: string;
const advisor = { id: '', name: 'Link Advisor', email: 'link.advisor@centre.test', role: 'advisor' as const };

beforeAll(async () => {
  services = await createTestServices({ APP_URL: 'https://advice.centre.test' }, { startQueue: false });
  advisor.id = (await createAccount(services.auth, { ...advisor, password: 'link-advisor-password' })).id;
  clientId = (await addClient(services, { name: 'Link Client' }, advisor)).id;
});
afterAll(() => services.close());

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

test('a new link verifies', async () => {
  const link = await createUploadLink(services, clientId, advisor);
  expect(link.url).toMatch(/^https:\/\/advice\.centre\.test\/upload\//);
  const verified = await verifyUploadToken(services, tokenOf(link.url));
  expect(verified.clientId).toBe(clientId);
  expect(new Date(link.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 60 * 60 * 1000);
});

test('tampered tokens are not found', async () => {
  const link = await createUploadLink(services, clientId, advisor, 2);
  const [id, expires, signature] = tokenOf(link.url).split('.');
  for (const token of [`${id}.${Number(expires) + 86400}.${signature}`, `${id}.${expires}.${signature.slice(0, -2)}AA`, 'garbage', `${crypto.randomUUID()}.${expires}.${signature}`]) {
    await expect(verifyUploadToken(services, token)).rejects.toMatchObject({ code: 'not_found' });
  }
});

test('revoked links are gone', async () => {
  const link = await createUploadLink(services, clientId, advisor);
  await revokeUploadLink(services, clientId, link.id);
  await expect(verifyUploadToken(services, tokenOf(link.url))).rejects.toMatchObject({ code: 'link_revoked', status: 410 });
  const listed = await listUploadLinks(services, clientId);
  expect(listed.find((entry) => entry.id === link.id)?.revokedAt).not.toBeNull();
});

test('expired links are refused', async () => {
  const link = await createUploadLink(services, clientId, advisor, 1);
  const past = new Date(Date.now() - 60_000);
  await services.db.update(uploadLinks).set({ expiresAt: past }).where(eq(uploadLinks.id, link.id));
  const token = uploadToken(services.authSecret, { id: link.id, expiresAt: past });
  await expect(verifyUploadToken(services, token)).rejects.toMatchObject({ code: 'link_expired', status: 410 });
});

test('QR code is a PNG', async () => {
  const link = await createUploadLink(services, clientId, advisor);
  const [row] = await services.db.select().from(uploadLinks).where(eq(uploadLinks.id, link.id));
  const png = await uploadLinkQrPng(services, row);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(1000);
});

test('failures use the client wording', async () => {
  const link = await createUploadLink(services, clientId, advisor);
  const files = ['01_council_tax_reminder.pdf', '08_debt_collection_sold_on.pdf'].map((name) => new File([fs.readFileSync(samplePath(`synthetic/${name}`))], name, { type: 'application/pdf' }));
  const outcome = await uploadDocuments(services, { clientId, uploadLinkId: link.id }, files);
  expect(outcome.rejected).toEqual([]);
  const [locked, broken] = outcome.documents.map((document) => document.id);
  await services.db.update(documents).set({ status: 'failed', errorCode: 'pdf_password_required', errorMessage: 'Enter its password on the document page.' }).where(eq(documents.id, locked));
  await services.db.update(documents).set({ status: 'failed', errorCode: 'internal', errorMessage: 'AUTH_SECRET differs between the app and the worker.' }).where(eq(documents.id, broken));

  const listed = await listLinkDocuments(services, link.id);
  const failureOf = (id: string) => listed.find((document) => document.id === id)?.failure;
  expect(failureOf(locked)).toBe('This PDF is protected by a password. Send a copy without a password, or tell your advisor the password.');
  expect(failureOf(broken)).toMatch(/^This file could not be read\./);
  expect(JSON.stringify(listed)).not.toMatch(/AUTH_SECRET|document page/);
});

test('rejections use the client wording', async () => {
  const link = await createUploadLink(services, clientId, advisor);
  const letter = (name: string) => new File([fs.readFileSync(samplePath('synthetic/12_overdraft_demand.pdf'))], name, { type: 'application/pdf' });
  await uploadDocuments(services, { clientId }, [letter('advisor-copy.pdf')]);
  const outcome = await uploadDocuments(services, { clientId, uploadLinkId: link.id }, [letter('my-letter.pdf')]);
  expect(outcome.rejected[0].error.message).toContain('advisor-copy.pdf');

  const [rejection] = rejectionsForClient(outcome.rejected);
  expect(rejection.filename).toBe('my-letter.pdf');
  expect(rejection.error.code).toBe('duplicate_document');
  expect(rejection.error.message).toBe('This file was sent before, so it was not added again. Nothing more is needed.');
});
