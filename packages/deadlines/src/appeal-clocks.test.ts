import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyLifecycleEvent, controllingClock, emptyAppealClocks, replanClocks, type AppealClocks } from './appeal-clocks.js';
import { bundledProductionCalendar } from './bundled-calendars.js';
import { DEFAULT_POLICY_DATA, defaultPolicySet } from './bundled-policies.js';
import { loadPolicySet } from './deadline-policy.js';
import { LifecycleEvent } from './lifecycle-events.js';

const calendar = bundledProductionCalendar();
const policies = defaultPolicySet();
const APPEAL = '0b9c7a52-5b1f-4c8e-9f3e-2d1a6c4b8e01';

type EventInput = { type: string; at: string; id?: string } & Record<string, unknown>;
let counter = 0;
/** An event as the monitor would parse it; `at` is Moscow wall time. */
function event({ type, at, id, ...rest }: EventInput): LifecycleEvent {
  counter += 1;
  return LifecycleEvent.parse({ eventId: id ?? `e${counter}`, appealId: APPEAL, occurredAt: `${at}+03:00`, type, ...rest });
}
const registered = (at: string, rest: Record<string, unknown> = {}): LifecycleEvent =>
  event({ type: 'registered', at, id: 'reg', channel: 'site', kind: 'appeal', ...rest });

function run(events: LifecycleEvent[], state: AppealClocks = emptyAppealClocks(APPEAL)): AppealClocks {
  return events.reduce((current, next) => applyLifecycleEvent(current, next, policies, calendar), state);
}
const clock = (state: AppealClocks, id: string) => state.clocks.find((c) => c.clockId === id);

describe('applyLifecycleEvent: terms', () => {
  it('when the 30th day falls on Saturday 10 May 2025, the answer is due on Monday 12 May (May holidays)', () => {
    const state = run([registered('2025-04-10T10:00:00')]);
    expect(clock(state, 'answer')).toMatchObject({
      status: 'running', nominalDueDate: '2025-05-10', dueDate: '2025-05-12', dueAt: '2025-05-12T21:00:00.000Z', basis: '59-ФЗ ст. 12 ч. 1',
    });
  });

  it('when registered late, the registration clock (3 days from receipt) is stopped as late', () => {
    const state = run([registered('2025-04-07T10:00:00', { receivedAt: '2025-04-01T12:00:00+03:00' })]);
    expect(clock(state, 'registration')).toMatchObject({ dueDate: '2025-04-04', status: 'stopped', outcome: 'late' });
  });

  it('counts a platform message in working days: filed Friday 25 April 2025, due Thursday 15 May', () => {
    const state = run([registered('2025-04-25T15:00:00', { channel: 'pos', kind: 'platform-message' })]);
    expect(state.policyId).toBe('platform-message');
    expect(clock(state, 'answer')).toMatchObject({ dueDate: '2025-05-15' });
    expect(clock(state, 'registration')).toBeUndefined();
  });

  it('59-ФЗ ст. 12 ч. 1.1: gives a report on migration law to the head of the region 20 days, and to a municipality the usual 30', () => {
    const governor = loadPolicySet({ ...(DEFAULT_POLICY_DATA as object), authorityLevel: 'regional-head' });
    const toGovernor = applyLifecycleEvent(emptyAppealClocks(APPEAL), registered('2026-02-02T10:00:00', { tags: ['migration-law'] }), governor, calendar);
    expect(clock(toGovernor, 'answer')).toMatchObject({ dueDate: '2026-02-24', basis: '59-ФЗ ст. 12 ч. 1.1' });
    const state = run([registered('2026-02-02T10:00:00', { tags: ['migration-law'] })]);
    expect(clock(state, 'answer')).toMatchObject({ dueDate: '2026-03-04', basis: '59-ФЗ ст. 12 ч. 1' });
  });

  it('59-ФЗ ст. 12 ч. 1.1: an appeal tagged migration-law after registration, in a set for the head of the region, is due in 20 days from registration; in a municipality\'s set, in 30', () => {
    const governor = loadPolicySet({ ...(DEFAULT_POLICY_DATA as object), authorityLevel: 'regional-head' });
    const events = [registered('2026-02-02T10:00:00'), event({ type: 'tags-set', at: '2026-02-05T12:00:00', tags: ['migration-law'] })];
    const toGovernor = events.reduce((current, next) => applyLifecycleEvent(current, next, governor, calendar), emptyAppealClocks(APPEAL));
    expect(toGovernor.policyId).toBe('migration-law');
    expect(clock(toGovernor, 'answer')).toMatchObject({ startedAt: '2026-02-02T07:00:00.000Z', dueDate: '2026-02-24', basis: '59-ФЗ ст. 12 ч. 1.1' });
    expect(clock(run(events), 'answer')).toMatchObject({ dueDate: '2026-03-04', basis: '59-ФЗ ст. 12 ч. 1' });
  });

  it('59-ФЗ ст. 12 ч. 1.1: the latest tags stand, so a tag removed again gives the head of the region\'s appeal its 30 days back', () => {
    const governor = loadPolicySet({ ...(DEFAULT_POLICY_DATA as object), authorityLevel: 'regional-head' });
    const events = [
      registered('2026-02-02T10:00:00', { tags: ['migration-law'] }),
      event({ type: 'tags-set', at: '2026-02-05T12:00:00', tags: [] }),
    ];
    const state = events.reduce((current, next) => applyLifecycleEvent(current, next, governor, calendar), emptyAppealClocks(APPEAL));
    expect(clock(state, 'answer')).toMatchObject({ dueDate: '2026-03-04', basis: '59-ФЗ ст. 12 ч. 1' });
    expect(state.notes).toEqual([]);
  });

  it('a platform message\'s term runs from its publication on the platform, not from its registration here', () => {
    const state = run([registered('2026-03-03T11:00:00', { channel: 'pos', kind: 'platform-message', clockStartsAt: '2026-02-27T09:00:00.000Z' })]);
    expect(clock(state, 'answer')).toMatchObject({ startedAt: '2026-02-27T09:00:00.000Z', dueDate: '2026-03-16' });
  });

  it('59-ФЗ ст. 11 ч. 2, 4, 4.1 and 5.1: each finding that requires telling the citizen runs its own 7-day clock from registration, stopped by the letter', () => {
    const state = run([registered('2026-03-02T10:00:00', { screening: ['court-decision', 'no-question', 'obscene'] })]);
    const notices = state.clocks.filter((candidate) => candidate.kind === 'notice');
    expect(notices.map(({ clockId, dueDate, basis, status }) => ({ clockId, dueDate, status, part: /ч\. [0-9.]+/.exec(basis)?.[0] }))).toEqual([
      { clockId: 'notice:court-decision', dueDate: '2026-03-10', status: 'running', part: 'ч. 2' },
      { clockId: 'notice:no-question', dueDate: '2026-03-10', status: 'running', part: 'ч. 4.1' },
    ]);
    const answered = applyLifecycleEvent(state, { eventId: 'e-answer', appealId: APPEAL, occurredAt: '2026-03-05T09:00:00.000Z', type: 'answered' }, policies, calendar);
    expect(answered.clocks.filter((candidate) => candidate.kind === 'notice').map(({ status, outcome }) => `${status}:${outcome}`)).toEqual(['stopped:met', 'stopped:met']);
  });

  it('closes the clock of an oral appeal answered at the desk when it is registered', () => {
    const state = run([registered('2026-03-03T11:00:00', { channel: 'desk', answeredOnTheSpot: true })]);
    expect(clock(state, 'answer')).toMatchObject({ status: 'stopped', outcome: 'met', stoppedAt: '2026-03-03T08:00:00.000Z' });
  });
});

describe('applyLifecycleEvent: extensions', () => {
  it('extends by 30 days from the unmoved end, and the answer clock gives way to the extended one', () => {
    const state = run([
      registered('2025-04-10T10:00:00'),
      event({ type: 'extension-approved', at: '2025-05-05T12:00:00', days: 30, decidedBy: 'head-1', reason: 'запрос в другой орган' }),
    ]);
    expect(clock(state, 'answer')).toMatchObject({ status: 'stopped', outcome: 'extended' });
    expect(controllingClock(state)).toMatchObject({
      clockId: 'extended-answer', status: 'running', nominalDueDate: '2025-06-09', dueDate: '2025-06-09', basis: '59-ФЗ ст. 12 ч. 2',
      extensions: [{ days: 30, decidedBy: 'head-1', reason: 'запрос в другой орган' }],
    });
  });

  it('59-ФЗ ст. 12 ч. 2: an approval beyond the 30 days left moves nothing (the extension rule), a smaller one after it does', () => {
    const state = run([
      registered('2025-04-10T10:00:00'),
      event({ type: 'extension-approved', at: '2025-05-05T12:00:00', days: 20, decidedBy: 'h', reason: 'r' }),
      event({ type: 'extension-approved', at: '2025-05-20T12:00:00', days: 15, decidedBy: 'h', reason: 'r' }),
      event({ type: 'extension-approved', at: '2025-05-21T12:00:00', days: 5, decidedBy: 'h', reason: 'r' }),
    ]);
    // 10 May + 25 days = 4 June, a Wednesday.
    expect(controllingClock(state)).toMatchObject({ dueDate: '2025-06-04' });
    expect(controllingClock(state)?.extensions?.map((record) => record.days)).toEqual([20, 5]);
    expect(state.notes.map((n) => n.reason)).toEqual(['not applied: only 10 of the 30 days are left (59-ФЗ ст. 12 ч. 2)']);
  });

  it('refuses an extension decided after the deadline, and one for a platform message', () => {
    const late = run([
      registered('2025-04-10T10:00:00'),
      event({ type: 'extension-approved', at: '2025-05-13T09:00:00', days: 10, decidedBy: 'h', reason: 'r' }),
    ]);
    expect(controllingClock(late)?.clockId).toBe('answer');
    expect(late.notes[0]?.reason).toBe('not applied: the answer term ran out at 2025-05-12T21:00:00.000Z; an expired term is not extended');
    const platform = run([
      registered('2025-04-10T10:00:00', { channel: 'pos', kind: 'platform-message' }),
      event({ type: 'extension-approved', at: '2025-04-11T09:00:00', days: 10, decidedBy: 'h', reason: 'r' }),
    ]);
    expect(platform.notes[0]?.reason).toBe('not applied: policy platform-message allows no extension');
  });
});

describe('applyLifecycleEvent: co-executors, forwarding, answer, reopening', () => {
  it('gives a co-executor a part due 5 days before the control date, following an extension', () => {
    const added = run([registered('2026-02-02T10:00:00'), event({ type: 'co-executor-added', at: '2026-02-03T10:00:00', unit: 'roads' })]);
    expect(clock(added, 'answer')).toMatchObject({ dueDate: '2026-03-04' });
    expect(clock(added, 'co-executor:roads')).toMatchObject({ dueDate: '2026-02-27', unit: 'roads', status: 'running' });
    const extended = run([event({ type: 'extension-approved', at: '2026-02-20T10:00:00', days: 10, decidedBy: 'h', reason: 'r' })], added);
    // 4 March + 10 = 14 March (Saturday) → 16 March; minus 5 days = 11 March.
    expect(clock(extended, 'co-executor:roads')).toMatchObject({ dueDate: '2026-03-11' });
    const answered = run([event({ type: 'co-executor-answered', at: '2026-03-12T10:00:00', unit: 'roads' })], extended);
    expect(clock(answered, 'co-executor:roads')).toMatchObject({ status: 'stopped', outcome: 'late' });
  });

  it('when forwarded to another authority in time, stops the forwarding clock as met and the answer clock as forwarded', () => {
    const state = run([
      registered('2026-02-02T10:00:00'),
      event({ type: 'forwarding-requested', at: '2026-02-04T10:00:00' }),
      event({ type: 'forwarded', at: '2026-02-06T10:00:00', to: 'Прокуратура города' }),
    ]);
    expect(clock(state, 'forwarding')).toMatchObject({ dueDate: '2026-02-09', status: 'stopped', outcome: 'met', basis: '59-ФЗ ст. 8 ч. 3' });
    expect(clock(state, 'answer')).toMatchObject({ status: 'stopped', outcome: 'forwarded' });
  });

  it('when reopened after the answer, the same deadline runs again; when closed, every clock stops', () => {
    const answered = run([
      registered('2026-02-02T10:00:00'),
      event({ type: 'routed', at: '2026-02-02T10:00:01', topic: 'housing', unit: 'zhkh' }),
      event({ type: 'answered', at: '2026-02-20T10:00:00' }),
    ]);
    expect(clock(answered, 'answer')).toMatchObject({ status: 'stopped', outcome: 'met', unit: 'zhkh' });
    const reopened = run([event({ type: 'reopened', at: '2026-02-25T10:00:00' })], answered);
    expect(clock(reopened, 'answer')).toMatchObject({ status: 'running', dueDate: '2026-03-04' });
    expect(clock(reopened, 'answer')?.outcome).toBeUndefined();
    const closed = run([event({ type: 'closed', at: '2026-02-26T10:00:00' })], reopened);
    expect(closed.clocks.every((c) => c.status === 'stopped')).toBe(true);
  });
});

describe('applyLifecycleEvent: duplicates, order and strangers', () => {
  it('when an event repeats, returns the same state object', () => {
    const once = run([registered('2026-02-02T10:00:00'), event({ type: 'answered', at: '2026-02-10T10:00:00', id: 'ans' })]);
    expect(run([event({ type: 'answered', at: '2026-02-10T10:00:00', id: 'ans' })], once)).toBe(once);
  });

  it('when an event id comes back with other content, keeps the first and records the refusal', () => {
    const once = run([registered('2026-02-02T10:00:00'), event({ type: 'answered', at: '2026-02-10T10:00:00', id: 'ans' })]);
    const twice = run([event({ type: 'answered', at: '2026-04-10T10:00:00', id: 'ans' })], once);
    expect(twice.clocks).toEqual(once.clocks);
    expect(twice.refused).toEqual([{ eventId: 'ans', reason: 'event id reused with different content; the first version is kept' }]);
  });

  it('when the answer arrives before the registration, waits, then applies it in time order', () => {
    const early = run([event({ type: 'answered', at: '2026-02-10T10:00:00' })]);
    expect(early.clocks).toEqual([]);
    const state = run([registered('2026-02-02T10:00:00')], early);
    expect(clock(state, 'answer')).toMatchObject({ status: 'stopped', outcome: 'met' });
  });

  it('ignores, with a note, events dated before the registration, and refuses events of another appeal', () => {
    const state = run([registered('2026-02-02T10:00:00'), event({ type: 'answered', at: '2026-02-01T10:00:00', id: 'old' })]);
    expect(clock(state, 'answer')?.status).toBe('running');
    expect(state.notes).toEqual([{ eventId: 'old', reason: 'happened before the registration; ignored' }]);
    const stranger = applyLifecycleEvent(state, { ...event({ type: 'closed', at: '2026-02-03T10:00:00' }), appealId: 'other' }, policies, calendar);
    expect(stranger.clocks).toEqual(state.clocks);
    expect(stranger.refused[0]?.reason).toMatch(/event for appeal other/);
  });

  it('any arrival order and any repetition of the same events give the same clocks', () => {
    const events = [
      registered('2025-10-20T10:00:00', { receivedAt: '2025-10-17T18:00:00+03:00' }),
      event({ type: 'routed', at: '2025-10-20T10:00:01', topic: 'roads', unit: 'roads' }),
      event({ type: 'co-executor-added', at: '2025-10-22T10:00:00', unit: 'zhkh' }),
      event({ type: 'extension-approved', at: '2025-11-14T10:00:00', days: 15, decidedBy: 'h', reason: 'r' }),
      event({ type: 'co-executor-answered', at: '2025-11-20T10:00:00', unit: 'zhkh' }),
      event({ type: 'answered', at: '2025-11-25T10:00:00' }),
      event({ type: 'reopened', at: '2025-11-27T10:00:00' }),
      event({ type: 'answered', at: '2025-12-01T10:00:00' }),
    ];
    const expected = run(events);
    expect(controllingClock(expected)).toMatchObject({ status: 'stopped', outcome: 'met', unit: 'roads' });
    const arrivals = fc
      .tuple(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.array(fc.constantFrom(...events), { maxLength: 6 }))
      .chain(([order, repeats]) => fc.shuffledSubarray([...order, ...repeats], { minLength: order.length + repeats.length, maxLength: order.length + repeats.length }));
    fc.assert(
      fc.property(arrivals, (arrival) => {
        const state = run(arrival);
        expect(state.clocks).toEqual(expected.clocks);
        expect(state.notes).toEqual(expected.notes);
        expect(state.refused).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('replanClocks', () => {
  it('when the answer term of the policy changes, recomputes the running clock from the same events', () => {
    const state = run([registered('2026-02-02T10:00:00')]);
    const data = structuredClone(DEFAULT_POLICY_DATA) as { policies: { id: string; answer: { days: number } }[] };
    const written = data.policies.find((p) => p.id === 'written-appeal');
    if (written) written.answer.days = 15;
    const replanned = replanClocks(state, loadPolicySet(data), calendar);
    expect(clock(replanned, 'answer')).toMatchObject({ dueDate: '2026-02-17' });
    expect(replanned.events).toBe(state.events);
  });
});
