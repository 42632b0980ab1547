import { describe, expect, it } from 'vitest';
import { summariseMentions, type MentionFacts } from './debt-summary';

function mention(overrides: Partial<MentionFacts>): MentionFacts {
  return {
    id: crypto.randomUUID(),
    createdAt: new Date('2026-10-20T10:00:00Z'),
    amount: '276.30',
    asOfDate: '2026-10-12',
    creditorId: 'council',
    originalCreditorId: null,
    collectingAgentId: null,
    accountReference: '40118823',
    originalAccountReference: null,
    courtClaimNumber: null,
    otherReferences: [],
    documentType: 'council_tax',
    priority: true,
    deadlines: [],
    description: null,
    ...overrides,
  };
}

describe('summariseMentions deadlines', () => {
  it('lists each date once across copies', () => {
    const scan = mention({ deadlines: [{ date: '2026-10-19', what: 'Please pay £276.30 within 7 days, which means it must reach us by 19 October 2026' }] });
    const photo = mention({ deadlines: [{ date: '2026-10-19', what: 'it must reach us by 19 October 2026' }] });
    const summary = summariseMentions([photo, scan]);
    expect(summary.deadlines).toHaveLength(1);
    expect(summary.deadlines[0].what).toMatch(/^Please pay/);
  });

  it('keeps different dates apart', () => {
    const letter = mention({ deadlines: [{ date: '2026-10-13', what: 'Pay in full by 13 October 2026' }, { date: '2026-10-14', what: 'An agent may visit from 14 October 2026' }] });
    expect(summariseMentions([letter]).deadlines.map((deadline) => deadline.date)).toEqual(['2026-10-13', '2026-10-14']);
  });
});

describe('summariseMentions copies', () => {
  it('takes the text layer over a later photo', () => {
    const letter = mention({ readBy: 'text-layer', description: 'Council tax – amount now overdue on your account' });
    const photo = mention({ readBy: 'ocr', createdAt: new Date('2026-10-21T10:00:00Z'), description: 'Council tax – automated line: 0306 999 0418 Amount overdue' });
    expect(summariseMentions([letter, photo]).description).toBe('Council tax – amount now overdue on your account');
  });
});
