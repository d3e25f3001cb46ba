import { describe, expect, it } from 'vitest';
import { bundledProductionCalendar } from './bundled-calendars.js';
import { termEnd } from './clock-terms.js';

const thirtyDays = { count: 'calendar-days', days: 30, moveOffNonWorkingDay: true } as const;
const tenWorkingDays = { count: 'working-days', days: 10, moveOffNonWorkingDay: true } as const;

describe('terms across the May holidays of 2027', () => {
  const calendar = bundledProductionCalendar();

  it('59-ФЗ ст. 12 ч. 1 and ГК РФ ст. 193: 30 days from 9 April end on Sunday 9 May, a holiday, and move past Monday 10 May (ТК РФ ст. 112 ч. 2) to 11 May', () => {
    expect(termEnd(calendar, '2027-04-09', thirtyDays)).toEqual({ nominalDueDate: '2027-05-09', dueDate: '2027-05-11', dueAt: '2027-05-11T21:00:00.000Z' });
  });

  it('10 working days from 28 April skip 1-3 and 8-10 May: due 14 May', () => {
    expect(termEnd(calendar, '2027-04-28', tenWorkingDays).dueDate).toBe('2027-05-14');
  });
});

describe('the city\'s rules for the end of a term (ГК РФ ст. 193, ст. 194 ч. 1)', () => {
  it('by default a term runs out at the end of its last day, city time', () => {
    expect(termEnd(bundledProductionCalendar(), '2026-03-02', thirtyDays).dueAt).toBe('2026-04-01T21:00:00.000Z');
  });

  it('where the rules say close of business, at the end of the working hours (an hour earlier on a shortened day, ТК РФ ст. 95)', () => {
    const calendar = bundledProductionCalendar({ termEndsAt: 'close-of-business', workdayEnd: '18:00' });
    expect(termEnd(calendar, '2026-03-02', thirtyDays).dueAt).toBe('2026-04-01T15:00:00.000Z');
    expect(termEnd(calendar, '2026-04-10', { ...thirtyDays, days: 20 }).dueAt).toBe('2026-04-30T14:00:00.000Z');
  });

  it('a last day off moves to the preceding working day where the office-work instruction says so', () => {
    const calendar = bundledProductionCalendar({ nonWorkingDayMovesTo: 'previous-working-day' });
    expect(termEnd(calendar, '2027-04-09', thirtyDays).dueDate).toBe('2027-05-07');
    expect(termEnd(bundledProductionCalendar(), '2027-04-09', thirtyDays).dueDate).toBe('2027-05-11');
  });

  it('refuses an unknown setting, naming it', () => {
    expect(() => bundledProductionCalendar({ termEndsAt: 'noon' })).toThrow(/settings\.termEndsAt/);
  });
});
