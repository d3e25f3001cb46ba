import { describe, expect, it } from 'vitest';
import { stableAlertId } from './alert-id.js';
import { applyLifecycleEvent, emptyAppealClocks, replanClocks, type AppealClocks, type Clock } from './appeal-clocks.js';
import { BUNDLED_CALENDAR_YEARS, bundledProductionCalendar } from './bundled-calendars.js';
import { defaultPolicySet } from './bundled-policies.js';
import { loadPolicySet, type DeadlinePolicy } from './deadline-policy.js';
import { LifecycleEvent } from './lifecycle-events.js';
import { createProductionCalendar, type ProductionCalendar } from './production-calendar.js';
import { diffPlans, nextStage, planAppealStages, planStages } from './warning-stages.js';
import { nextWorkingMoment } from './working-hours.js';

const moscow = bundledProductionCalendar();
const policies = defaultPolicySet();
const APPEAL = '0b9c7a52-5b1f-4c8e-9f3e-2d1a6c4b8e01';

function appeal(events: Record<string, unknown>[], calendar: ProductionCalendar = moscow, set = policies): AppealClocks {
  return events.reduce<AppealClocks>(
    (state, raw, index) => applyLifecycleEvent(state, LifecycleEvent.parse({ eventId: `e${index}`, appealId: APPEAL, ...raw }), set, calendar),
    emptyAppealClocks(APPEAL),
  );
}
const registration = (occurredAt: string, rest: Record<string, unknown> = {}) => ({ type: 'registered', occurredAt, channel: 'site', kind: 'appeal', ...rest });
const answerClock = (state: AppealClocks): Clock => {
  const clock = state.clocks.find((c) => c.clockId === 'answer');
  if (clock === undefined) throw new Error('no answer clock');
  return clock;
};
const written = (): DeadlinePolicy => policies.policies.find((p) => p.id === 'written-appeal') as DeadlinePolicy;
const fireTimes = (plan: { stageId: string; fireAt: string }[]) => plan.map((s) => [s.stageId, s.fireAt]);

describe('planStages', () => {
  it('plans the ladder of a written appeal of 10 April 2025 due 12 May, the half-time warning moved off a Saturday', () => {
    const state = appeal([registration('2025-04-10T10:00:00+03:00')]);
    const plan = planStages(answerClock(state), written(), moscow);
    expect(fireTimes(plan)).toEqual([
      // Half of the term falls on Saturday 26 April: it waits for Monday 28 April, 09:00 Moscow.
      ['half-time', '2025-04-28T06:00:00.000Z'],
      // 6, 7 and 12 May are the last three working days (8-11 May are off).
      ['three-days-left', '2025-05-06T06:00:00.000Z'],
      ['one-day-left', '2025-05-12T06:00:00.000Z'],
      // Overdue at the end of 12 May, midnight Moscow: it never waits.
      ['overdue', '2025-05-12T21:00:00.000Z'],
    ]);
    expect(plan[0]).toMatchObject({ thresholdAt: '2025-04-26T14:00:00.000Z', recipients: ['executor'], waitsForWorkingHours: true });
    expect(plan[3]).toMatchObject({ recipients: ['executor', 'supervisor', 'head'], waitsForWorkingHours: false });
    expect(plan.every((stage) => stage.alertId === stableAlertId(APPEAL, 'answer', stage.stageId))).toBe(true);
  });

  it('plans nothing for a stopped clock', () => {
    const state = appeal([registration('2025-04-10T10:00:00+03:00'), { type: 'answered', occurredAt: '2025-04-11T10:00:00+03:00' }]);
    expect(planStages(answerClock(state), written(), moscow)).toEqual([]);
  });

  it('leaves out a threshold that had passed before the clock started: a 2-working-day clock has no "3 days left"', () => {
    const data = { policies: [{ ...written(), match: {}, answer: { count: 'working-days', days: 2, basis: 'test' } }] };
    const set = loadPolicySet(data);
    const state = appeal([registration('2026-02-02T10:00:00+03:00')], moscow, set);
    expect(planStages(answerClock(state), set.policies[0] as DeadlinePolicy, moscow).map((s) => s.stageId)).toEqual(['half-time', 'one-day-left', 'overdue']);
  });

  it('in Vladivostok with a day from 08:30, plans on the city’s wall clock', () => {
    const vladivostok = createProductionCalendar({ settings: { zone: 'Asia/Vladivostok', workdayStart: '08:30' }, years: BUNDLED_CALENDAR_YEARS });
    const state = appeal([registration('2026-05-29T23:30:00+10:00')], vladivostok);
    const clock = answerClock(state);
    // 29 May + 30 = 28 June, a Sunday → Monday 29 June, ending at midnight Vladivostok (UTC+10).
    expect(clock).toMatchObject({ dueDate: '2026-06-29', dueAt: '2026-06-29T14:00:00.000Z' });
    expect(fireTimes(planStages(clock, written(), vladivostok))).toEqual([
      // Half of the term is Sunday 14 June, 11:45 local, after the 12-14 June break: Monday 15 June, 08:30 local.
      ['half-time', '2026-06-14T22:30:00.000Z'],
      ['three-days-left', '2026-06-24T22:30:00.000Z'],
      ['one-day-left', '2026-06-28T22:30:00.000Z'],
      ['overdue', '2026-06-29T14:00:00.000Z'],
    ]);
  });

  it('in a zone with summer time, a working-days-left warning is at 09:00 local on both sides of the change', () => {
    const berlin = createProductionCalendar({ settings: { zone: 'Europe/Berlin' }, years: BUNDLED_CALENDAR_YEARS });
    const state = appeal([registration('2025-03-01T12:00:00+01:00')], berlin);
    const plan = planStages(answerClock(state), written(), berlin);
    // Due Monday 31 March (the 30th day, 31 March, is a Monday); summer time began on 30 March.
    expect(answerClock(state).dueDate).toBe('2025-03-31');
    expect(fireTimes(plan).slice(1)).toEqual([
      ['three-days-left', '2025-03-27T08:00:00.000Z'],
      ['one-day-left', '2025-03-31T07:00:00.000Z'],
      ['overdue', '2025-03-31T22:00:00.000Z'],
    ]);
  });
});

describe('nextWorkingMoment', () => {
  it.each([
    ['inside working hours, keeps the instant', '2025-04-29T10:00:00.000Z', '2025-04-29T10:00:00.000Z'],
    ['before 09:00 on a working day, waits for 09:00 that day', '2025-04-29T03:00:00.000Z', '2025-04-29T06:00:00.000Z'],
    ['at night, waits for the next morning', '2025-04-29T20:00:00.000Z', '2025-04-30T06:00:00.000Z'],
    ['after 17:00 on the shortened 30 April, waits past the May holidays to 5 May', '2025-04-30T14:30:00.000Z', '2025-05-05T06:00:00.000Z'],
    ['on the working Saturday 1 November 2025, keeps the instant', '2025-11-01T08:00:00.000Z', '2025-11-01T08:00:00.000Z'],
    ['on New Year’s Day 2026, waits for 12 January', '2026-01-01T09:00:00.000Z', '2026-01-12T06:00:00.000Z'],
  ])('%s', (_name, instant, expected) => {
    expect(nextWorkingMoment(moscow, instant)).toBe(expected);
  });
});

describe('planAppealStages and diffPlans: re-planning', () => {
  const start = [registration('2025-04-10T10:00:00+03:00'), { type: 'co-executor-added', occurredAt: '2025-04-11T10:00:00+03:00', unit: 'roads' }];

  it('plans every running clock of an appeal, earliest first, with the co-executor’s unit', () => {
    const plan = planAppealStages(appeal(start).clocks, policies, moscow);
    const coExecutor = plan.filter((stage) => stage.clockId === 'co-executor:roads');
    expect(coExecutor.map((s) => s.stageId)).toEqual(['one-day-left', 'overdue']);
    expect(coExecutor[0]).toMatchObject({ unit: 'roads', fireAt: '2025-05-07T06:00:00.000Z' });
    expect(plan.map((s) => s.fireAt)).toEqual([...plan.map((s) => s.fireAt)].sort());
  });

  it('after an extension, withdraws the answer clock’s stages and adds the extended clock’s', () => {
    const before = planAppealStages(appeal(start).clocks, policies, moscow);
    const extended = appeal([...start, { type: 'extension-approved', occurredAt: '2025-05-05T12:00:00+03:00', days: 30, decidedBy: 'h', reason: 'r' }]);
    const change = diffPlans(before, planAppealStages(extended.clocks, policies, moscow));
    expect(change.withdrawn.map((s) => `${s.clockId}/${s.stageId}`)).toEqual(['answer/half-time', 'answer/three-days-left', 'answer/one-day-left', 'answer/overdue']);
    expect(change.added.map((s) => `${s.clockId}/${s.stageId}`)).toEqual(['extended-answer/half-time', 'extended-answer/three-days-left', 'extended-answer/one-day-left', 'extended-answer/overdue']);
    expect(change.moved.map((m) => [m.after.stageId, m.after.fireAt])).toEqual([
      ['one-day-left', '2025-06-04T06:00:00.000Z'],
      ['overdue', '2025-06-04T21:00:00.000Z'],
    ]);
  });

  it('after the calendar changes, moves the stages it shifts and keeps their alert ids', () => {
    const state = appeal(start);
    const before = planAppealStages(state.clocks, policies, moscow);
    // An administrator's file makes Monday 12 May 2025 a day off (a made-up transfer from Saturday 17 May).
    const year2025 = BUNDLED_CALENDAR_YEARS[0] as { transfers: unknown[] };
    const edited = { ...year2025, transfers: [...year2025.transfers, { from: '2025-05-17', to: '2025-05-12', basis: 'test' }] };
    const calendar = createProductionCalendar({ years: [edited, ...BUNDLED_CALENDAR_YEARS.slice(1)] });
    const after = planAppealStages(replanClocks(state, policies, calendar).clocks, policies, calendar);
    const change = diffPlans(before, after);
    expect(change.withdrawn).toEqual([]);
    expect(change.moved.find((m) => m.after.clockId === 'answer' && m.after.stageId === 'overdue')?.after.fireAt).toBe('2025-05-13T21:00:00.000Z');
  });

  it('after the answer, withdraws every stage; nextStage skips what already fired', () => {
    const state = appeal(start);
    const before = planAppealStages(state.clocks, policies, moscow);
    const fired = new Set([before[0]?.alertId ?? '']);
    expect(nextStage(before, fired)).toBe(before[1]);
    const answered = appeal([...start, { type: 'answered', occurredAt: '2025-04-20T10:00:00+03:00' }]);
    const change = diffPlans(before, planAppealStages(answered.clocks, policies, moscow));
    expect(change.withdrawn).toHaveLength(before.length);
    expect(change.added).toEqual([]);
  });
});

describe('stableAlertId', () => {
  it('is a UUID v5, the same for the same appeal, clock and stage, different otherwise', () => {
    const id = stableAlertId(APPEAL, 'answer', 'overdue');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableAlertId(APPEAL, 'answer', 'overdue')).toBe(id);
    expect(stableAlertId(APPEAL, 'extended-answer', 'overdue')).not.toBe(id);
    expect(stableAlertId(APPEAL, 'answer', 'one-day-left')).not.toBe(id);
  });
});
