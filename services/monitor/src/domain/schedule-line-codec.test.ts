import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScheduleEntry, encodeScheduleEntry, type PlannedAlert, type ScheduleEntry } from './schedule-line-codec.js';

const appealId = '00000000-0000-4000-8000-000000000001';
const alertId = '00000000-0000-5000-8000-00000000000a';
const planned: PlannedAlert = {
  version: 1, type: 'deadline-stage', alertId, appealId, clockId: 'answer', clockKind: 'answer', policyId: 'written-appeal', stageId: 'half-time',
  trigger: 'time-used', thresholdAt: '2026-12-08T06:00:00.000Z', fireAt: '2026-12-08T06:00:00.000Z', dueAt: '2026-12-23T21:00:00.000Z',
  recipients: ['executor', 'supervisor'], unit: 'zhkh', registrationNumber: '00042/2026',
};

describe('a timing-wheel line as stored', () => {
  it('comes back as it was written, stage or withdrawal, with or without unit and registration number', () => {
    const { unit: _unit, registrationNumber: _number, ...bare } = planned;
    const entries: ScheduleEntry[] = [
      { alertId, appealId, rev: 3, alert: planned },
      { alertId, appealId, rev: 1, alert: bare },
      { alertId, appealId, rev: 4, withdrawn: true },
    ];
    for (const entry of entries) expect(decodeScheduleEntry(encodeScheduleEntry(entry))).toEqual(entry);
  });

  it('is the same text for the same line (so $addToSet dedupes it) and less than half the size of the alert as an object', () => {
    const entry: ScheduleEntry = { alertId, appealId, rev: 3, alert: planned };
    expect(encodeScheduleEntry({ ...entry, alert: { ...planned } })).toBe(encodeScheduleEntry(entry));
    expect(encodeScheduleEntry(entry).length).toBeLessThan(JSON.stringify(entry).length / 2);
  });

  it('reads lines written as JSON objects, as text or as documents, and keeps an alert that does not fit the fixed shape as an object', () => {
    const entry: ScheduleEntry = { alertId, appealId, rev: 2, alert: planned };
    expect(decodeScheduleEntry(JSON.stringify(entry))).toEqual(entry);
    expect(decodeScheduleEntry(entry)).toEqual(entry);
    const foreign: ScheduleEntry = { alertId, appealId: '00000000-0000-4000-8000-000000000002', rev: 2, alert: planned };
    expect(encodeScheduleEntry(foreign)).toBe(JSON.stringify(foreign));
    expect(decodeScheduleEntry(encodeScheduleEntry(foreign))).toEqual(foreign);
  });

  it('round-trips any instant to the millisecond and any choice of recipients', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2100-01-01T00:00:00.000Z'), noInvalidDate: true }),
        fc.subarray(['executor', 'supervisor', 'head'] as const, { minLength: 1 }),
        fc.nat({ max: 1_000_000 }),
        (at, recipients, rev) => {
          const entry: ScheduleEntry = { alertId, appealId, rev, alert: { ...planned, thresholdAt: at.toISOString(), fireAt: at.toISOString(), recipients } };
          expect(decodeScheduleEntry(encodeScheduleEntry(entry))).toEqual(entry);
        },
      ),
    );
  });
});
