import { describe, expect, it } from 'vitest';
import { applyLifecycleEvent, controllingClock, emptyAppealClocks } from './appeal-clocks.js';
import { bundledProductionCalendar } from './bundled-calendars.js';
import { defaultPolicySet } from './bundled-policies.js';
import { loadPolicySet, type PolicySet } from './deadline-policy.js';
import { answerTermOf, decideExtensionOf, extensionAllowanceOf } from './extension-rule.js';
import { LifecycleEvent } from './lifecycle-events.js';

const calendar = bundledProductionCalendar();
const policies = defaultPolicySet();
const written = { channel: 'site' as const, kind: 'appeal' as const, registeredAt: '2025-04-10T10:00:00+03:00' };
const platformMessage = { channel: 'pos' as const, kind: 'platform-message' as const, registeredAt: '2025-04-10T10:00:00+03:00' };

describe('decideExtensionOf', () => {
  it('59-ФЗ ст. 12 ч. 2: extends a written appeal by up to 30 days from the unmoved end of the term', () => {
    // Registered 10 April 2025: 30 days end on Saturday 10 May (moved to Monday 12 May); +30 from 10 May is Monday 9 June.
    const decision = decideExtensionOf(policies, calendar, written, 0, { days: 30, decidedAt: '2025-05-05T12:00:00+03:00' });
    expect(decision).toMatchObject({
      allowed: true, days: 30, totalDays: 30, daysLeft: 0, count: 'calendar-days', basis: '59-ФЗ ст. 12 ч. 2',
      due: { nominalDueDate: '2025-06-09', dueDate: '2025-06-09' },
    });
  });

  it('59-ФЗ ст. 12 ч. 2: a second extension adds to the first, and the term it tests is the extended one', () => {
    // 20 days already approved: the term now ends on 30 May, so a decision on 20 May is in time.
    const decision = decideExtensionOf(policies, calendar, written, 20, { days: 10, decidedAt: '2025-05-20T12:00:00+03:00' });
    expect(decision).toMatchObject({ allowed: true, totalDays: 30, daysLeft: 0, due: { dueDate: '2025-06-09' } });
  });

  it('59-ФЗ ст. 12 ч. 2: refuses more days than are left of the 30, and says how many are left', () => {
    const decision = decideExtensionOf(policies, calendar, written, 20, { days: 15, decidedAt: '2025-05-20T12:00:00+03:00' });
    expect(decision).toEqual({
      allowed: false, refusal: 'limit-spent', daysLeft: 10, basis: '59-ФЗ ст. 12 ч. 2',
      reason: 'only 10 of the 30 days are left (59-ФЗ ст. 12 ч. 2)',
    });
    const spent = decideExtensionOf(policies, calendar, written, 30, { days: 1, decidedAt: '2025-05-20T12:00:00+03:00' });
    expect(spent).toMatchObject({ allowed: false, refusal: 'limit-spent', daysLeft: 0, reason: 'the extensions already reach the limit of 30 days (59-ФЗ ст. 12 ч. 2)' });
  });

  it('59-ФЗ ст. 12 ч. 2: refuses once the term has run out (an expired term is not extended)', () => {
    // The term ends at the end of Monday 12 May 2025, Moscow time.
    const inTime = decideExtensionOf(policies, calendar, written, 0, { days: 5, decidedAt: '2025-05-12T23:59:00+03:00' });
    expect(inTime.allowed).toBe(true);
    const late = decideExtensionOf(policies, calendar, written, 0, { days: 5, decidedAt: '2025-05-13T00:00:00+03:00' });
    expect(late).toMatchObject({ allowed: false, refusal: 'term-expired', reason: 'the answer term ran out at 2025-05-12T21:00:00.000Z; an expired term is not extended' });
  });

  it('платформа обратной связи (ПП РФ № 1802): refuses any extension of a platform message, its policy has none', () => {
    const decision = decideExtensionOf(policies, calendar, platformMessage, 0, { days: 1, decidedAt: '2025-04-11T09:00:00+03:00' });
    expect(decision).toEqual({ allowed: false, refusal: 'no-extension', reason: 'policy platform-message allows no extension' });
  });

  it('refuses an appeal answered on the spot (59-ФЗ ст. 13): there is no term to extend', () => {
    const decision = decideExtensionOf(policies, calendar, { channel: 'desk', kind: 'appeal', answeredOnTheSpot: true, registeredAt: '2026-03-03T11:00:00+03:00' }, 0, {
      days: 5,
      decidedAt: '2026-03-03T12:00:00+03:00',
    });
    expect(decision).toMatchObject({ allowed: false, refusal: 'no-extension' });
  });

  it('counts an extension in working days when the policy says so, and its limit comes from the policy', () => {
    const custom: PolicySet = loadPolicySet({
      policies: [
        {
          id: 'catch-all',
          title: 'Регламент с продлением в рабочих днях',
          match: {},
          answer: { count: 'working-days', days: 10, basis: 'регламент' },
          extension: { maxDays: 5, count: 'working-days', basis: 'регламент, продление' },
          stages: [],
        },
      ],
    });
    // Registered Friday 25 April 2025: 10 working days end on Thursday 15 May; 5 more working days end on Thursday 22 May.
    const facts = { channel: 'site' as const, kind: 'appeal' as const, registeredAt: '2025-04-25T15:00:00+03:00' };
    expect(answerTermOf(custom, calendar, facts, 0).term).toMatchObject({ nominalDueDate: '2025-05-15' });
    expect(decideExtensionOf(custom, calendar, facts, 0, { days: 5, decidedAt: '2025-05-05T12:00:00+03:00' })).toMatchObject({
      allowed: true, count: 'working-days', due: { dueDate: '2025-05-22' }, basis: 'регламент, продление',
    });
    expect(decideExtensionOf(custom, calendar, facts, 0, { days: 6, decidedAt: '2025-05-05T12:00:00+03:00' })).toMatchObject({ refusal: 'limit-spent', daysLeft: 5 });
  });
});

describe('extensionAllowanceOf', () => {
  it('59-ФЗ ст. 12 ч. 2: tells a form how many of the 30 days are left, and why none when none are', () => {
    expect(extensionAllowanceOf(policies, calendar, written, 12, '2025-05-05T12:00:00+03:00')).toMatchObject({ allowed: true, daysLeft: 18, basis: '59-ФЗ ст. 12 ч. 2' });
    expect(extensionAllowanceOf(policies, calendar, written, 30, '2025-05-05T12:00:00+03:00')).toMatchObject({ allowed: false, refusal: 'limit-spent', daysLeft: 0 });
    expect(extensionAllowanceOf(policies, calendar, written, 0, '2025-05-13T00:00:00+03:00')).toMatchObject({ allowed: false, refusal: 'term-expired' });
    expect(extensionAllowanceOf(policies, calendar, platformMessage, 0, '2025-04-11T09:00:00+03:00')).toMatchObject({ allowed: false, refusal: 'no-extension' });
  });
});

describe('one rule for the executor and the monitor', () => {
  it('59-ФЗ ст. 12 ч. 2: the date the executor puts on an approval is the date the monitor\'s clock runs to, across the 2025 May holidays', () => {
    const appealId = '5d2e9c41-7a3b-4c6d-8e1f-2a3b4c5d6e7f';
    const events = [
      { type: 'registered', eventId: 'reg', appealId, occurredAt: written.registeredAt, channel: 'site', kind: 'appeal' },
      { type: 'extension-approved', eventId: 'x1', appealId, occurredAt: '2025-05-05T12:00:00+03:00', days: 12, decidedBy: 'head-1', reason: 'запрос в другой орган' },
      { type: 'extension-approved', eventId: 'x2', appealId, occurredAt: '2025-05-20T12:00:00+03:00', days: 8, decidedBy: 'head-1', reason: 'ответ подрядчика' },
    ].map((event) => LifecycleEvent.parse(event));
    const clocks = events.reduce((state, event) => applyLifecycleEvent(state, event, policies, calendar), emptyAppealClocks(appealId));

    const first = decideExtensionOf(policies, calendar, written, 0, { days: 12, decidedAt: '2025-05-05T12:00:00+03:00' });
    const second = decideExtensionOf(policies, calendar, written, 12, { days: 8, decidedAt: '2025-05-20T12:00:00+03:00' });
    // 10 May + 12 = Thursday 22 May; + 8 more = Friday 30 May.
    expect(first).toMatchObject({ allowed: true, due: { dueDate: '2025-05-22' } });
    expect(second).toMatchObject({ allowed: true, due: { dueDate: '2025-05-30' } });
    expect(controllingClock(clocks)).toMatchObject({ clockId: 'extended-answer', dueDate: '2025-05-30', dueAt: second.allowed ? second.due.dueAt : '' });
    expect(clocks.notes).toEqual([]);
  });
});
