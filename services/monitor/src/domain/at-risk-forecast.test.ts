import { AtRiskAlert } from '@priemnaya/contracts';
import { bundledProductionCalendar, type Clock as LegalClock } from '@priemnaya/deadlines';
import { describe, expect, it } from 'vitest';
import { atRiskAlert, atRiskAlertId, forecastUnit, paceWindow, unitPace, workingDaysLeft, type QueuedClock } from './at-risk-forecast.js';

const calendar = bundledProductionCalendar();
// Monday 23 November 2026, 10:00 in Moscow.
const NOW = new Date('2026-11-23T07:00:00.000Z');
// Due on Wednesday 25 November in Moscow: today, Tuesday and Wednesday are left.
const WEDNESDAY = '2026-11-25';

let sequence = 0;
function queued(dueDate: string, overrides: Partial<LegalClock> = {}): QueuedClock {
  const dueAt = new Date(Date.parse(`${dueDate}T21:00:00.000Z`)).toISOString();
  sequence += 1;
  const appealId = `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
  return {
    registrationNumber: `${String(sequence).padStart(5, '0')}/2026`,
    clock: {
      appealId, clockId: 'answer', kind: 'answer', policyId: 'written-appeal', basis: '59-ФЗ ст. 12 ч. 1', unit: 'zhkh',
      startedAt: '2026-10-28T07:00:00.000Z', nominalDueDate: dueDate, dueDate, dueAt, status: 'running', ...overrides,
    },
  };
}

/** `count` answers spread over the ten completed working days before NOW (9-20 November). */
function answersInWindow(count: number): string[] {
  return Array.from({ length: count }, (_, index) => new Date(Date.parse('2026-11-09T07:00:00.000Z') + (index % 10) * 24 * 3_600_000).toISOString());
}

describe('unitPace', () => {
  it('counts the answers of the last completed working days, not today\'s and not older ones', () => {
    expect(paceWindow(calendar, NOW, 10)).toEqual({ since: '2026-11-08T21:00:00.000Z', until: '2026-11-22T21:00:00.000Z' });
    const answers = [...answersInWindow(15), '2026-11-23T06:00:00.000Z', '2026-11-06T07:00:00.000Z'];
    expect(unitPace(calendar, NOW, 10, answers)).toMatchObject({ answers: 15, workingDays: 10, pacePerWorkingDay: 1.5 });
  });

  it('refuses a window that is not a whole number of working days', () => {
    expect(() => paceWindow(calendar, NOW, 0)).toThrow(/pace window/);
  });
});

describe('workingDaysLeft', () => {
  it('counts today when it is a working day, and skips weekends and holidays', () => {
    expect(workingDaysLeft(calendar, NOW, WEDNESDAY)).toBe(3);
    // Saturday 28 November: today to Friday, five working days.
    expect(workingDaysLeft(calendar, NOW, '2026-11-28')).toBe(5);
    // On a Sunday, Monday is the first day left.
    expect(workingDaysLeft(calendar, new Date('2026-11-22T07:00:00.000Z'), WEDNESDAY)).toBe(3);
    expect(workingDaysLeft(calendar, NOW, '2026-11-20')).toBeLessThan(0);
  });
});

describe('forecastUnit', () => {
  it('at one answer a day, flags the appeals at the back of the queue that the days left cannot reach', () => {
    const queue = Array.from({ length: 6 }, () => queued(WEDNESDAY));
    const pace = unitPace(calendar, NOW, 10, answersInWindow(10));
    const findings = forecastUnit({ unit: 'zhkh', queue: [...queue].reverse(), pace, calendar, now: NOW });
    expect(findings.map((finding) => finding.clock.appealId)).toEqual(queue.slice(3).map((item) => item.clock.appealId));
    expect(findings[0]?.reason).toEqual({ backlogAhead: 4, pacePerWorkingDay: 1, workingDaysLeft: 3, workingDaysNeeded: 4 });
  });

  it('a unit keeping pace has nothing at risk; a unit with no recent answers gets no forecast', () => {
    const queue = Array.from({ length: 6 }, () => queued(WEDNESDAY));
    expect(forecastUnit({ unit: 'zhkh', queue, pace: unitPace(calendar, NOW, 10, answersInWindow(30)), calendar, now: NOW })).toEqual([]);
    expect(forecastUnit({ unit: 'zhkh', queue, pace: unitPace(calendar, NOW, 10, []), calendar, now: NOW })).toEqual([]);
  });

  it('overdue clocks take their place at the head of the queue without being flagged; other units\', stopped and registration clocks do not count', () => {
    const overdue = queued('2026-11-20');
    const later = queued(WEDNESDAY);
    const ignored = [
      queued('2026-11-19', { unit: 'roads' }),
      queued('2026-11-19', { status: 'stopped' }),
      queued('2026-11-19', { clockId: 'registration', kind: 'registration' }),
    ];
    const pace = unitPace(calendar, NOW, 10, answersInWindow(5));
    const findings = forecastUnit({ unit: 'zhkh', queue: [later, ...ignored, overdue], pace, calendar, now: NOW });
    // Second in the queue at half an answer a day: four working days needed, three left.
    expect(findings.map((finding) => [finding.clock.appealId, finding.reason.backlogAhead, finding.reason.workingDaysNeeded])).toEqual([[later.clock.appealId, 2, 4]]);
  });
});

describe('atRiskAlert', () => {
  it('is a valid control alert for supervisors with a stable id per appeal and clock', () => {
    const item = queued(WEDNESDAY);
    const alert = atRiskAlert({ ...item, reason: { backlogAhead: 4, pacePerWorkingDay: 1, workingDaysLeft: 3, workingDaysNeeded: 4 } }, NOW);
    expect(AtRiskAlert.parse(alert)).toEqual(alert);
    expect(alert).toMatchObject({ type: 'at-risk', unit: 'zhkh', recipients: ['supervisor'], registrationNumber: item.registrationNumber });
    expect(alert.alertId).toBe(atRiskAlertId(item.clock.appealId, 'answer'));
    expect(atRiskAlertId(item.clock.appealId, 'extended-answer')).not.toBe(alert.alertId);
  });
});
