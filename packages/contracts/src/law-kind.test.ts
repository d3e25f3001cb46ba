import { describe, expect, it } from 'vitest';
import { AppealEvent, forwardedAuthorities } from './events.js';
import { AppealReceived } from './appeal.js';
import { TaskAssigned } from './routing.js';

const work = {
  version: 1,
  eventId: '8a6e0f7e-8f3c-4c1e-9a51-1f2d3c4b5a69',
  appealId: '0b5c4a3e-2d1f-4e6a-9b8c-7d6e5f4a3b2c',
  registrationNumber: '12345/2026',
  occurredAt: '2026-11-23T09:00:00.000Z',
  channel: 'site',
  receivedAt: '2026-11-20T09:00:00.000Z',
  by: 'executor-1',
  unit: 'zhkh',
} as const;

function issuesOf(payload: unknown): string[] {
  const result = AppealEvent.safeParse(payload);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('appeal.law-kind-decided', () => {
  const { by: _by, unit: _unit, ...appeal } = work;
  const decided = { ...appeal, type: 'appeal.law-kind-decided', lawKind: 'complaint', decidedBy: { kind: 'staff', staffId: 'operator-1' } };

  it('59-ФЗ ст. 4: carries the kind, who decided and, for a complaint, whom it contests', () => {
    expect(issuesOf({ ...decided, complaintAbout: { unit: 'zhkh', official: 'Петров П. П., начальник отдела' } })).toEqual([]);
    expect(issuesOf({ ...decided, lawKind: 'proposal', decidedBy: { kind: 'classifier', cues: ['предлагаю'] } })).toEqual([]);
  });

  it('59-ФЗ ст. 4: a kind outside the law’s list is refused, naming the field', () => {
    expect(issuesOf({ ...decided, lawKind: 'petition' })).toEqual([expect.stringMatching(/^lawKind: /)]);
    expect(issuesOf({ ...decided, complaintAbout: { unit: 'ЖКХ' } })).toEqual([expect.stringMatching(/^complaintAbout\.unit: /)]);
  });

  it('59-ФЗ ст. 4: an appeal or a task from before the kind was added parses as undecided (no field)', () => {
    const task = { version: 1, appealId: work.appealId, registrationNumber: work.registrationNumber, unit: 'zhkh', topic: 'housing', receivedAt: work.receivedAt, routedAt: work.occurredAt, text: 'Текст', reason: { kind: 'no-rule-matched' } };
    expect(TaskAssigned.parse(task).lawKind).toBeUndefined();
    expect(AppealReceived.shape.lawKind.safeParse(undefined).success).toBe(true);
  });
});

describe('appeal.returned-to-citizen', () => {
  it('59-ФЗ ст. 8 ч. 7: records the reason and the article', () => {
    const returned = { ...work, type: 'appeal.returned-to-citizen', reason: 'complaint-against-addressee', basis: '59-ФЗ ст. 8 ч. 7' };
    expect(issuesOf(returned)).toEqual([]);
    expect(issuesOf({ ...returned, reason: 'other' })).toEqual([expect.stringMatching(/^reason: /)]);
  });
});

describe('forwarding to several bodies', () => {
  const prosecutor = { name: 'Прокуратура города' };
  const inspection = { name: 'Государственная жилищная инспекция' };

  it('59-ФЗ ст. 8 ч. 4: a forwarding lists every body a copy goes to and whether it is partial', () => {
    const forwarded = { ...work, type: 'appeal.forwarded', authority: prosecutor, authorities: [prosecutor, inspection], partial: true };
    expect(issuesOf(forwarded)).toEqual([]);
    const parsed = AppealEvent.parse(forwarded);
    expect(parsed.type === 'appeal.forwarded' ? forwardedAuthorities(parsed) : []).toEqual([prosecutor, inspection]);
  });

  it('59-ФЗ ст. 8 ч. 3: an old forwarding message (one authority, no partial) still parses as the whole appeal to that body', () => {
    const old = AppealEvent.parse({ ...work, type: 'appeal.forwarding-started', authority: prosecutor, why: 'вопрос прокуратуры' });
    expect(old.type === 'appeal.forwarding-started' ? [forwardedAuthorities(old), old.partial] : []).toEqual([[prosecutor], undefined]);
  });

  it('59-ФЗ ст. 8 ч. 4: an empty list of bodies is refused, naming the field', () => {
    expect(issuesOf({ ...work, type: 'appeal.forwarded', authority: prosecutor, authorities: [] })).toEqual([expect.stringMatching(/^authorities: /)]);
  });
});
