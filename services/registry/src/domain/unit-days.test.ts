import { describe, expect, it } from 'vitest';
import { chartDates, cityDate, countingInstant } from './unit-days.js';

const zone = 'Europe/Moscow';

describe('cityDate', () => {
  it('is the day in the city, not in UTC: 00:30 in Moscow is still the day before in UTC', () => {
    expect(cityDate('2026-11-19T21:30:00.000Z', zone)).toBe('2026-11-20');
    expect(cityDate('2026-11-19T20:59:59.999Z', zone)).toBe('2026-11-19');
  });
});

describe('chartDates', () => {
  it('ends with today in the city and goes back day by day, oldest first', () => {
    expect(chartDates('2026-11-20T22:00:00.000Z', 3, zone)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21']);
  });

  it('crosses months and years', () => {
    expect(chartDates('2027-01-01T09:00:00.000Z', 3, zone)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
    expect(chartDates('2026-11-20T09:00:00.000Z', 1, zone)).toEqual(['2026-11-20']);
  });
});

describe('countingInstant', () => {
  const now = '2026-11-20T09:00:00.000Z';

  it('for a day that is over, is the next midnight in the city', () => {
    expect(countingInstant('2026-11-19', now, zone)).toBe('2026-11-19T21:00:00.000Z');
  });

  it('for today, is now: the end of the day is not known yet', () => {
    expect(countingInstant('2026-11-20', now, zone)).toBe(now);
  });
});
