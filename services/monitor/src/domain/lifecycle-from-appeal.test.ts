import type { AppealEvent } from '@priemnaya/contracts';
import { applyLifecycleEvent, bundledProductionCalendar, DEFAULT_POLICY_DATA, emptyAppealClocks, LifecycleEvent, loadPolicySet } from '@priemnaya/deadlines';
import { describe, expect, it } from 'vitest';
import { lifecycleFromEvent } from './lifecycle-from-appeal.js';

const work = {
  version: 1 as const,
  eventId: '00000000-0000-4000-8000-000000000001',
  appealId: '00000000-0000-4000-8000-000000000000',
  registrationNumber: '00001/2026',
  occurredAt: '2026-11-30T07:00:00.000Z',
  channel: 'site' as const,
  receivedAt: '2026-11-23T07:00:00.000Z',
  by: 'e-1',
  unit: 'zhkh',
};
const base = { eventId: work.eventId, appealId: work.appealId, occurredAt: work.occurredAt };
const answer = { text: 'Фонарь заменён', inSubstance: true, attachments: [] };
const requestId = '00000000-0000-4000-8000-000000000009';

/** Every executor's event, and what the clocks must see of it. */
const cases: [AppealEvent, LifecycleEvent | undefined][] = [
  [{ ...work, type: 'appeal.assigned', executorId: 'e-2', mode: 'named' }, undefined],
  [{ ...work, type: 'appeal.accepted' }, undefined],
  [{ ...work, type: 'appeal.extension-requested', requestId, days: 20, justification: 'нужен выезд комиссии' }, undefined],
  [{ ...work, type: 'appeal.extension-refused', requestId, why: 'срок достаточен' }, undefined],
  [{ ...work, type: 'appeal.extension-approved', by: 's-1', requestId, days: 20, why: 'нужен выезд комиссии' }, { ...base, type: 'extension-approved', days: 20, decidedBy: 's-1', reason: 'нужен выезд комиссии' }],
  [{ ...work, type: 'appeal.forwarding-started', authority: { name: 'Прокуратура области' }, why: 'вопрос прокуратуры' }, { ...base, type: 'forwarding-requested' }],
  [{ ...work, type: 'appeal.forwarded', authority: { name: 'Прокуратура области' } }, { ...base, type: 'forwarded', to: 'Прокуратура области' }],
  [{ ...work, type: 'appeal.co-executor-added', coExecutorUnit: 'roads', why: 'часть о дороге' }, { ...base, type: 'co-executor-added', unit: 'roads' }],
  [{ ...work, type: 'appeal.co-executor-answered', unit: 'roads', leadUnit: 'zhkh', answer }, { ...base, type: 'co-executor-answered', unit: 'roads' }],
  [{ ...work, type: 'appeal.answered', answer }, { ...base, type: 'answered' }],
  [{ ...work, type: 'appeal.closed', outcome: 'answered' }, { ...base, type: 'closed' }],
  // 59-FZ ст. 11 ч. 1: left without an answer document, the closing stops every clock.
  [{ ...work, type: 'appeal.closed', outcome: 'left-without-answer', article11Part: '1' }, { ...base, type: 'closed' }],
  // ст. 12 ч. 1.1: the tags choose the policy; the staff's reason stays out.
  [{ ...work, type: 'appeal.tags-set', tags: ['migration-law'], why: 'вопрос миграционного законодательства' }, { ...base, type: 'tags-set', tags: ['migration-law'] }],
  // ст. 11 ч. 5: the decision itself moves nothing; the closing that follows it stops the clocks.
  [{ ...work, type: 'appeal.correspondence-ended', decidedAs: 'supervisor', earlierAppealIds: ['00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000012'], why: 'повтор' }, undefined],
];

describe('lifecycleFromEvent, the executors\' events', () => {
  it.each(cases.map(([event, expected]) => ({ type: event.type, event, expected })))('maps $type onto the clocks\' event, or onto nothing when it moves no clock', ({ event, expected }) => {
    const mapped = lifecycleFromEvent(event);
    expect(mapped).toEqual(expected);
    // What reaches the clocks is a valid lifecycle event: the contract's limits fit the clocks' own.
    if (mapped !== undefined) expect(LifecycleEvent.safeParse(mapped).success).toBe(true);
  });

  it('carries neither the answer text nor the staff\'s notes other than the extension\'s recorded reason', () => {
    const mapped = cases.map(([event]) => lifecycleFromEvent(event));
    const text = JSON.stringify(mapped);
    expect(text).not.toContain('Фонарь заменён');
    expect(text).not.toContain('часть о дороге');
    expect(text).not.toContain('вопрос прокуратуры');
    expect(text).not.toContain('вопрос миграционного законодательства');
  });

  it('59-ФЗ ст. 12 ч. 1.1: an executor\'s migration-law tag gives the head of the region\'s appeal its 20-day term', () => {
    const governor = loadPolicySet({ ...(DEFAULT_POLICY_DATA as object), authorityLevel: 'regional-head' });
    const calendar = bundledProductionCalendar();
    const registered: LifecycleEvent = { ...base, eventId: 'received', occurredAt: '2026-02-02T07:00:00.000Z', type: 'registered', channel: 'site', kind: 'appeal' };
    const tagged = lifecycleFromEvent({ ...work, occurredAt: '2026-02-05T09:00:00.000Z', type: 'appeal.tags-set', tags: ['migration-law'] });
    if (tagged === undefined) throw new Error('appeal.tags-set must reach the clocks');
    const before = applyLifecycleEvent(emptyAppealClocks(work.appealId), registered, governor, calendar);
    const after = applyLifecycleEvent(before, tagged, governor, calendar);
    expect(before.clocks.find((clock) => clock.kind === 'answer')).toMatchObject({ dueDate: '2026-03-04' });
    expect(after.clocks.find((clock) => clock.kind === 'answer')).toMatchObject({ dueDate: '2026-02-24', basis: '59-ФЗ ст. 12 ч. 1.1' });
  });

  it('an extension reason as long as the contract allows is still a valid lifecycle event', () => {
    const why = 'я'.repeat(2000);
    const mapped = lifecycleFromEvent({ ...work, type: 'appeal.extension-approved', requestId, days: 30, why });
    expect(LifecycleEvent.safeParse(mapped).success).toBe(true);
  });
});
