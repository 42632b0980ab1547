import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { e2eDataDir } from './playwright.config';
import { sample } from './support/fakes';

type GroundTruth = {
  client: { name: string; address: string };
  debts: { amount: number; accountRef: string | null }[];
  otherAmounts?: { amount: number }[];
};

const logFile = path.join(e2eDataDir, 'app.log');

/** Every way an amount can be written: 3702.56, 3,702.56, £3,702.56. */
function amountForms(amount: number): string[] {
  const fixed = amount.toFixed(2);
  const grouped = amount.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return [...new Set([fixed, grouped])];
}

/**
 * Runs after every other end-to-end test and searches what the app logged for the client data those
 * tests handled: the clients' names, addresses, account references and amounts from the documents'
 * ground truth, and the names and figures of the interview notes.
 */
test('logs hold no client data', () => {
  const log = fs.readFileSync(logFile, 'utf8');
  expect(log.split('\n').length).toBeGreaterThan(50);

  const needles = new Set<string>(['Ms Corinne Ashdale', 'Corinne', 'Ashdale', 'Fallback Client', 'Password Client', 'Unassigned Client']);
  for (const file of ['01_council_tax_reminder', '08_debt_collection_sold_on', '12_overdraft_demand']) {
    const truth = JSON.parse(fs.readFileSync(sample(`synthetic/${file}.json`), 'utf8')) as GroundTruth;
    needles.add(truth.client.name);
    for (const part of truth.client.address.split(', ')) if (part.length > 6) needles.add(part);
    for (const debt of truth.debts) {
      amountForms(debt.amount).forEach((form) => needles.add(form));
      if (debt.accountRef) needles.add(debt.accountRef);
    }
  }
  const notes = JSON.parse(fs.readFileSync(sample('notes/notes.json'), 'utf8')) as { clientName: string; mustKeep: string[] }[];
  for (const entry of notes.slice(0, 2)) {
    needles.add(entry.clientName);
    entry.mustKeep.filter((figure) => figure.startsWith('£')).forEach((figure) => needles.add(figure));
  }

  const found = [...needles].filter((needle) => log.includes(needle));
  expect(found).toEqual([]);

  // An upload link's token lets anyone upload into the client's case, so the log keeps only the link id.
  expect(log).toContain('/api/upload/');
  expect(log).not.toMatch(/\/upload\/[0-9a-f-]{36}\.\d+\.[\w-]{20,}/);
});
