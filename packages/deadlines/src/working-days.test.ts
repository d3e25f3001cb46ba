import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledProductionCalendar } from './bundled-calendars.js';
import { addCalendarDays, fromEpochDay, isoWeekday, toEpochDay } from './local-date.js';
import { dayKind, isShortenedDay, isWorkingDay } from './production-calendar.js';
import { addWorkingDays, countWorkingDays, onOrNextWorkingDay } from './working-days.js';

const calendar = bundledProductionCalendar();

describe('the production calendar as shipped', () => {
  it.each([
    [2025, 247],
    [2026, 247],
  ])('when counting the working days of %i, finds the %i of the decree', (year, expected) => {
    expect(countWorkingDays(calendar, `${year - 1}-12-31`, `${year}-12-31`)).toBe(expected);
  });

  it('when a January holiday falls on a weekend, moves its day off by the decree (2025: 4 Jan to 2 May, 5 Jan to 31 Dec)', () => {
    expect(dayKind(calendar, '2025-01-04')).toBe('holiday');
    expect(dayKind(calendar, '2025-05-02')).toBe('transferred-day-off');
    expect(dayKind(calendar, '2025-12-31')).toBe('transferred-day-off');
    expect(dayKind(calendar, '2026-01-09')).toBe('transferred-day-off');
  });

  it('counts the working Saturday of 1 November 2025 as a working day, shortened, and 3 November as a day off', () => {
    expect(isoWeekday('2025-11-01')).toBe(6);
    expect(dayKind(calendar, '2025-11-01')).toBe('working-weekend');
    expect(isWorkingDay(calendar, '2025-11-01')).toBe(true);
    expect(isShortenedDay(calendar, '2025-11-01')).toBe(true);
    expect(isWorkingDay(calendar, '2025-11-03')).toBe(false);
  });

  it('when a holiday falls on a weekend in 2026, takes the next Monday off (ТК ст. 112 ч. 2): 9 March and 11 May', () => {
    expect(isWorkingDay(calendar, '2026-03-09')).toBe(false);
    expect(isWorkingDay(calendar, '2026-05-11')).toBe(false);
    expect(isWorkingDay(calendar, '2026-05-12')).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('skips the May holidays of 2025: 5 working days after 30 April is 14 May', () => {
    // 5, 6, 7 May work; 8-11 off; 12, 13 work.
    expect(addWorkingDays(calendar, '2025-04-30', 5)).toBe('2025-05-13');
  });

  it('crosses New Year 2026: one working day after 30 December 2025 is 12 January 2026', () => {
    expect(addWorkingDays(calendar, '2025-12-30', 1)).toBe('2026-01-12');
  });

  it('counts the working Saturday: one working day after Friday 31 October 2025 is Saturday 1 November', () => {
    expect(addWorkingDays(calendar, '2025-10-31', 1)).toBe('2025-11-01');
    expect(addWorkingDays(calendar, '2025-11-01', 1)).toBe('2025-11-05');
  });

  it('goes backwards with a negative count and leaves the date alone with 0', () => {
    expect(addWorkingDays(calendar, '2025-05-12', -1)).toBe('2025-05-07');
    expect(addWorkingDays(calendar, '2025-05-10', 0)).toBe('2025-05-10');
  });

  it('refuses a fractional count', () => {
    expect(() => addWorkingDays(calendar, '2025-05-12', 1.5)).toThrow(RangeError);
  });
});

describe('onOrNextWorkingDay', () => {
  it('moves Saturday 15 March 2025 to Monday 17 March and keeps a working day as it is', () => {
    expect(onOrNextWorkingDay(calendar, '2025-03-15')).toBe('2025-03-17');
    expect(onOrNextWorkingDay(calendar, '2025-03-17')).toBe('2025-03-17');
  });

  it('moves 1 January 2026 past the whole New Year break to 12 January', () => {
    expect(onOrNextWorkingDay(calendar, '2026-01-01')).toBe('2026-01-12');
  });
});

describe('calendar arithmetic properties', () => {
  // Dates from 2024 to 2028, so runs cross the shipped years and the fallback of art. 112 alone.
  const date = fc.integer({ min: toEpochDay('2024-06-01'), max: toEpochDay('2028-06-30') }).map(fromEpochDay);
  const days = fc.integer({ min: 1, max: 120 });
  const settings = { numRuns: 200 };

  it('counting the working days after adding n working days gives n', () => {
    fc.assert(fc.property(date, days, (start, n) => countWorkingDays(calendar, start, addWorkingDays(calendar, start, n)) === n), settings);
  });

  it('adding working days always lands on a working day', () => {
    fc.assert(fc.property(date, days, (start, n) => isWorkingDay(calendar, addWorkingDays(calendar, start, n))), settings);
  });

  it('moving a calendar-day deadline to a working day is never earlier than plain calendar addition', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 90 }), (start, n) => {
        const plain = addCalendarDays(start, n);
        const moved = onOrNextWorkingDay(calendar, plain);
        return moved >= plain && isWorkingDay(calendar, moved) && toEpochDay(moved) - toEpochDay(plain) <= 14;
      }),
      settings,
    );
  });

  it('is monotone: a later start or more days never gives an earlier result', () => {
    fc.assert(
      fc.property(date, date, days, days, (a, b, m, n) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const [few, many] = m <= n ? [m, n] : [n, m];
        return (
          addWorkingDays(calendar, early, few) <= addWorkingDays(calendar, late, few) &&
          addWorkingDays(calendar, early, few) <= addWorkingDays(calendar, early, many)
        );
      }),
      settings,
    );
  });

  it('going back n working days from a working day undoes going forward', () => {
    fc.assert(
      fc.property(date, days, (start, n) => {
        const working = onOrNextWorkingDay(calendar, start);
        return addWorkingDays(calendar, addWorkingDays(calendar, working, n), -n) === working;
      }),
      settings,
    );
  });
});
