import { describe, expect, it } from 'vitest';
import { unitDaySeries, type SeriesInput } from './unit-day-series.js';
import type { UnitSpan } from './unit-timeline.js';

const zone = 'Europe/Moscow';
const dates = ['2026-11-18', '2026-11-19', '2026-11-20'];
// Today is 2026-11-20, 12:00 in Moscow.
const now = '2026-11-20T09:00:00.000Z';
const base: SeriesInput = { units: ['zhkh', 'dorogi'], dates, now, zone, marks: [], appeals: [] };
const zero = { received: 0, answered: 0, answeredOnTime: 0, open: 0, overdue: 0 };

const column = (input: Partial<SeriesInput>, unit = 'zhkh', field: 'open' | 'overdue' = 'open') =>
  unitDaySeries({ ...base, ...input }).find((series) => series.unit === unit)?.days.map((day) => day[field]);

describe('unitDaySeries', () => {
  it('gives every unit asked for one entry per date, oldest first, empty days included', () => {
    expect(unitDaySeries(base)).toEqual([
      { unit: 'zhkh', days: dates.map((date) => ({ date, ...zero })) },
      { unit: 'dorogi', days: dates.map((date) => ({ date, ...zero })) },
    ]);
  });

  it('counts marks on their unit and day, and ignores other units and days outside the chart', () => {
    const series = unitDaySeries({
      ...base,
      marks: [
        { unit: 'zhkh', date: '2026-11-18', kind: 'received' },
        { unit: 'zhkh', date: '2026-11-18', kind: 'received' },
        { unit: 'zhkh', date: '2026-11-20', kind: 'answered' },
        { unit: 'zhkh', date: '2026-11-20', kind: 'answered-on-time' },
        { unit: 'dorogi', date: '2026-11-19', kind: 'answered' },
        { unit: 'zhkh', date: '2026-11-17', kind: 'received' },
        { unit: 'kultura', date: '2026-11-19', kind: 'received' },
      ],
    });
    expect(series[0]?.days.map(({ received, answered, answeredOnTime }) => [received, answered, answeredOnTime])).toEqual([[2, 0, 0], [0, 0, 0], [0, 1, 1]]);
    expect(series[1]?.days.map(({ answered }) => answered)).toEqual([0, 1, 0]);
  });

  it('counts an appeal open at the end of each day it is held, not the day it was answered', () => {
    // Routed 2026-11-18 at 10:00 in Moscow, answered 2026-11-19 at 23:59.
    const span: UnitSpan = { unit: 'zhkh', part: 'lead', from: '2026-11-18T07:00:00.000Z', to: '2026-11-19T20:59:00.000Z' };
    expect(column({ appeals: [[span]] })).toEqual([1, 0, 0]);
  });

  it('counts an appeal still open today as open now', () => {
    const span: UnitSpan = { unit: 'zhkh', part: 'lead', from: '2026-11-19T07:00:00.000Z' };
    expect(column({ appeals: [[span]] })).toEqual([0, 1, 1]);
  });

  it('counts an open appeal overdue from the day after its due day', () => {
    // Due at the end of 2026-11-18 in Moscow.
    const span: UnitSpan = { unit: 'zhkh', part: 'lead', from: '2026-11-01T07:00:00.000Z', dueAt: '2026-11-18T21:00:00.000Z' };
    expect(column({ appeals: [[span]] }, 'zhkh', 'overdue')).toEqual([0, 1, 1]);
    expect(column({ appeals: [[span]] })).toEqual([1, 1, 1]);
  });

  it('counts an appeal once per unit and day, even when the unit holds it twice at once', () => {
    const lead: UnitSpan = { unit: 'zhkh', part: 'lead', from: '2026-11-01T07:00:00.000Z', dueAt: '2026-11-10T21:00:00.000Z' };
    const part: UnitSpan = { unit: 'zhkh', part: 'co-executor', from: '2026-11-02T07:00:00.000Z' };
    expect(column({ appeals: [[lead, part]] })).toEqual([1, 1, 1]);
    expect(column({ appeals: [[lead, part]] }, 'zhkh', 'overdue')).toEqual([1, 1, 1]);
  });

  it('moves a handed-back appeal to the next unit from its routing on', () => {
    const appeal: UnitSpan[] = [
      { unit: 'dorogi', part: 'lead', from: '2026-11-17T07:00:00.000Z', to: '2026-11-19T07:00:00.000Z' },
      { unit: 'zhkh', part: 'lead', from: '2026-11-19T08:00:00.000Z' },
    ];
    expect(column({ appeals: [appeal] }, 'dorogi')).toEqual([1, 0, 0]);
    expect(column({ appeals: [appeal] }, 'zhkh')).toEqual([0, 1, 1]);
  });
});
