import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Services } from '@/lib/services';
import { createTestServices } from '@/tests/helpers/app-services';
import { auditEventsToCsv, listAuditEvents, recordAudit, type AuditEvent } from './audit';
import { auditEvents } from './db/schema';

let services: Services;

beforeAll(async () => {
  services = await createTestServices({}, { startQueue: false });
});
afterAll(() => services.close());

const advisorView: AuditEvent = { actorType: 'user', actorId: 'advisor-1', action: 'view', targetType: 'debts', targetId: 'client-1' };
const eventsOf = (actorId: string) => listAuditEvents(services.db, { actorId, limit: 100, offset: 0 });

test('repeated views are recorded once', async () => {
  for (let poll = 0; poll < 4; poll++) await recordAudit(services.db, advisorView);
  await recordAudit(services.db, { ...advisorView, targetType: 'document-list' });
  await recordAudit(services.db, { ...advisorView, targetId: 'client-2' });

  const events = await eventsOf('advisor-1');
  expect(events.map((event) => `${event.targetType} ${event.targetId}`).sort()).toEqual(['debts client-1', 'debts client-2', 'document-list client-1']);
});

test('views after the window are recorded again', async () => {
  const view = { ...advisorView, actorId: 'advisor-2' };
  await services.db.insert(auditEvents).values({ ...view, at: new Date(Date.now() - 6 * 60 * 1000) });
  await recordAudit(services.db, view);

  expect(await eventsOf('advisor-2')).toHaveLength(2);
});

test('other actions are always recorded', async () => {
  const download = { ...advisorView, actorId: 'advisor-3', action: 'download' as const };
  await recordAudit(services.db, download);
  await recordAudit(services.db, download);
  await recordAudit(services.db, { ...download, actorId: 'advisor-4', action: 'view' });
  await recordAudit(services.db, { ...download, actorId: 'advisor-4', action: 'view' });

  expect(await eventsOf('advisor-3')).toHaveLength(2);
  expect(await eventsOf('advisor-4')).toHaveLength(1);
});

test('CSV export keeps every column', async () => {
  await recordAudit(services.db, { actorType: 'user', actorId: 'advisor-5', action: 'update', targetType: 'settings', targetId: null, details: { advisorsSeeAllClients: true } });
  const csv = auditEventsToCsv(await eventsOf('advisor-5'));
  const [header, row, end] = csv.split('\r\n');

  expect(header).toBe('time_utc,actor_type,actor_id,actor_name,action,target_type,target_id,target_name,client_id,client_name,request_id,details');
  expect(row).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,user,advisor-5,,update,settings,,,,,,"{""advisorsSeeAllClients"":true}"$/);
  expect(end).toBe('');
});
