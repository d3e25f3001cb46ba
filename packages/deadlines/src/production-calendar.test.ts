import { describe, expect, it } from 'vitest';
import { BUNDLED_CALENDAR_YEARS, bundledProductionCalendar } from './bundled-calendars.js';
import { validateCalendarYear } from './calendar-data.js';
import { instantAt, localDateOf } from './city-time.js';
import { DeadlineDataError } from './data-issues.js';
import { LocalDate } from './local-date.js';
import { summariseYear } from './calendar-summary.js';
import { checkProductionCalendar, createProductionCalendar, dayKind, isProvisionalYear, isShortenedDay, isWorkingDay, movedDaysOff, yearCoverage } from './production-calendar.js';

const year2025 = BUNDLED_CALENDAR_YEARS[0] as { year: number; transfers: { from: string; to: string; basis: string }[] };

function reasonsFor(input: unknown): string[] {
  const checked = validateCalendarYear(input);
  return checked.ok ? [] : checked.reasons;
}

describe('the shipped yearly files', () => {
  it('each cite their act, and 2027 says why it is provisional', () => {
    const calendar = bundledProductionCalendar();
    expect(calendar.data.map((year) => year.source.act)).toEqual([
      expect.stringContaining('от 04.10.2024 № 1335'),
      expect.stringContaining('от 24.09.2025 № 1466'),
      expect.stringContaining('ст. 112'),
    ]);
    expect(yearCoverage(calendar, 2025)).toBe('final');
    expect(yearCoverage(calendar, 2027)).toBe('provisional');
    expect(calendar.data[2]?.source.provisionalReason).toMatch(/не внесено/);
  });

  it('for a year without a file, falls back to the fixed holidays of art. 112 and says so', () => {
    const calendar = bundledProductionCalendar();
    expect(yearCoverage(calendar, 2028)).toBe('fixed-holidays-only');
    expect(isWorkingDay(calendar, '2028-01-03')).toBe(false);
    expect(isWorkingDay(calendar, '2028-01-10')).toBe(true);
  });
});

describe('validateCalendarYear', () => {
  it('when a transfer moves a day off onto a Saturday, names the field and the date', () => {
    const bad = { ...year2025, transfers: [...year2025.transfers, { from: '2025-03-09', to: '2025-05-03', basis: 'test' }] };
    expect(reasonsFor(bad)).toEqual(['transfers[5].to: 2025-05-03 is a Saturday, already a day off']);
  });

  it('when a transfer moves a weekday, refuses it: only a weekend day off can move', () => {
    const bad = { ...year2025, transfers: [{ from: '2025-03-12', to: '2025-03-14', basis: 'test' }], shortenedDays: [] };
    expect(reasonsFor(bad)).toEqual(['transfers[0].from: 2025-03-12 is a Wednesday; only a Saturday or Sunday day off can be moved']);
  });

  it('refuses an impossible date, a date of another year, a duplicate holiday and a shortened day off', () => {
    const bad = {
      ...year2025,
      holidays: [{ date: '2025-02-30', name: 'x' }, { date: '2024-05-01', name: 'x' }, { date: '2025-05-01', name: 'a' }, { date: '2025-05-01', name: 'b' }],
      shortenedDays: [{ date: '2025-05-01' }],
    };
    expect(reasonsFor(bad)).toEqual([
      'holidays[0].date: must be a real calendar date',
      'holidays[1].date: 2024-05-01 is not in 2025',
      'holidays[3].date: 2025-05-01 is listed twice',
      'shortenedDays[0].date: 2025-05-01 is not a working day, so it cannot be shortened',
    ]);
  });

  it('refuses a provisional year that does not say why, and a transfer without its basis', () => {
    const bad = { ...year2025, source: { act: 'проект', status: 'provisional' }, transfers: [{ from: '2025-01-04', to: '2025-05-02', basis: '' }], shortenedDays: [] };
    expect(reasonsFor(bad)).toEqual([
      'source.provisionalReason: a provisional year must say why (provisionalReason)',
      'transfers[0].basis: must name the act the transfer comes from',
    ]);
  });
});

describe('createProductionCalendar', () => {
  it('when an administrator replaces a year, the new data counts without a release', () => {
    // A made-up decree that makes Saturday 15 March 2025 a working day and Monday 17 March a day off.
    const edited = { ...year2025, transfers: [...year2025.transfers, { from: '2025-03-15', to: '2025-03-17', basis: 'приказ для теста' }] };
    const calendar = createProductionCalendar({ years: [edited] });
    expect(isWorkingDay(calendar, '2025-03-15')).toBe(true);
    expect(isWorkingDay(calendar, '2025-03-17')).toBe(false);
  });

  it('refuses two files for one year, an unknown zone and hours that end before they start, all at once', () => {
    const checked = checkProductionCalendar({ settings: { zone: 'Europe/Nowhere', workdayStart: '18:00', workdayEnd: '09:00' }, years: [year2025, year2025] });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.reasons).toEqual([
      'settings.zone: must be an IANA time zone such as Europe/Moscow',
      'settings.workdayEnd: must be later than workdayStart',
      'years[1].year: 2025 is given twice',
    ]);
  });

  it('throws DeadlineDataError with the reasons when asked to create', () => {
    expect(() => createProductionCalendar({ years: [{ ...year2025, year: 'x' }] })).toThrow(DeadlineDataError);
    expect(() => createProductionCalendar({ years: [{ ...year2025, year: 'x' }] })).toThrow(/years\[0\]\.year/);
  });
});

describe('city time', () => {
  it('reads the Moscow date of a late-evening UTC instant as the next day (UTC+3 all year)', () => {
    expect(localDateOf('2025-12-31T21:30:00.000Z', 'Europe/Moscow')).toBe('2026-01-01');
    expect(instantAt('2025-07-01', 9 * 60, 'Europe/Moscow')).toBe('2025-07-01T06:00:00.000Z');
    expect(instantAt('2025-01-15', 9 * 60, 'Europe/Moscow')).toBe('2025-01-15T06:00:00.000Z');
  });

  it('in a zone with summer time, 09:00 moves in UTC across the change', () => {
    expect(instantAt('2025-03-28', 9 * 60, 'Europe/Berlin')).toBe('2025-03-28T08:00:00.000Z');
    expect(instantAt('2025-03-31', 9 * 60, 'Europe/Berlin')).toBe('2025-03-31T07:00:00.000Z');
  });

  it('LocalDate refuses text that is not a date', () => {
    expect(LocalDate.safeParse('2025-1-5').success).toBe(false);
    expect(LocalDate.safeParse('hello').success).toBe(false);
    expect(LocalDate.safeParse('2024-02-29').success).toBe(true);
  });
});

describe('ТК РФ ст. 112 ч. 2, computed for every year', () => {
  const calendar = bundledProductionCalendar();

  it('2027: 1 May (Saturday), 9 May (Sunday) and 12 June (Saturday) move to 3 May, 10 May and 14 June', () => {
    expect(movedDaysOff(calendar, 2027).map(({ from, to }) => `${from} → ${to}`)).toEqual([
      '2027-05-01 → 2027-05-03',
      '2027-05-09 → 2027-05-10',
      '2027-06-12 → 2027-06-14',
    ]);
    for (const day of ['2027-05-03', '2027-05-10', '2027-06-14']) expect(dayKind(calendar, day)).toBe('transferred-day-off');
    expect(isWorkingDay(calendar, '2027-05-04')).toBe(true);
  });

  it('leaves the January holidays to the decree: 2 and 3 January 2027 move nothing by themselves', () => {
    expect(movedDaysOff(calendar, 2027).some(({ from }) => from.startsWith('2027-01'))).toBe(false);
    expect(isWorkingDay(calendar, '2027-01-11')).toBe(true);
  });

  it('2026: 8 March (Sunday) → 9 March and 9 May (Saturday) → 11 May, no longer typed into the file', () => {
    expect(movedDaysOff(calendar, 2026).map(({ from, to }) => `${from} → ${to}`)).toEqual(['2026-03-08 → 2026-03-09', '2026-05-09 → 2026-05-11']);
    expect(isWorkingDay(calendar, '2026-03-09')).toBe(false);
    expect(isWorkingDay(calendar, '2026-05-11')).toBe(false);
  });

  it('a decree that moves a weekend holiday\'s day off elsewhere (ст. 112 ч. 5) overrides the rule: 8 March 2025 went to 13 June', () => {
    expect(movedDaysOff(calendar, 2025)).toEqual([]);
    expect(isWorkingDay(calendar, '2025-03-10')).toBe(true);
    expect(isWorkingDay(calendar, '2025-06-13')).toBe(false);
  });

  it('counts 247 working days in 2025 and 2026 (the decrees), and 249 in provisional 2027 until its decree moves 2 and 3 January', () => {
    expect(summariseYear(calendar, 2025)).toMatchObject({ workingDays: 247, provisional: false });
    expect(summariseYear(calendar, 2026)).toMatchObject({ workingDays: 247, provisional: false });
    expect(summariseYear(calendar, 2027)).toMatchObject({ workingDays: 249, provisional: true });
  });

  it('for a year with no file, applies ч. 2 and the short pre-holiday days of ст. 95 as well, and is provisional', () => {
    expect(movedDaysOff(calendar, 2028).map(({ to }) => to)).toEqual(['2028-11-06']);
    expect(isShortenedDay(calendar, '2028-11-03')).toBe(true);
    expect(isShortenedDay(calendar, '2028-12-29')).toBe(false);
    expect(isProvisionalYear(calendar, 2028)).toBe(true);
  });

  it('refuses a file that types the rule in as a transfer: only the decree\'s transfers are data', () => {
    const year2026 = BUNDLED_CALENDAR_YEARS[1] as { transfers: unknown[] };
    const typedIn = { ...year2026, transfers: [...year2026.transfers, { from: '2026-03-08', to: '2026-03-09', basis: 'ТК РФ ст. 112 ч. 2' }] };
    expect(reasonsFor(typedIn)).toEqual([
      "transfers[2]: 2026-03-08 → 2026-03-09 is what ТК РФ ст. 112 ч. 2 (праздник совпал с выходным днём) does by itself; only the decree's own transfers are data",
    ]);
  });

  it('refuses a final year whose act does not name the decree by date and number', () => {
    expect(reasonsFor({ ...year2025, source: { act: 'постановление о переносе', status: 'final' } })).toEqual([
      'source.act: a final year must name the decree by its date and number («от 24.09.2025 № 1466»)',
    ]);
  });
});
