import { describe, expect, it } from 'vitest';
import { bundledProductionCalendar } from './bundled-calendars.js';
import { calendarCsv, parseCalendarCsv } from './calendar-csv.js';
import { summariseYear } from './calendar-summary.js';
import { createProductionCalendar, isShortenedDay, isWorkingDay } from './production-calendar.js';

const shipped = bundledProductionCalendar();
const decree2026 = 'Постановление Правительства РФ от 24.09.2025 № 1466';

function reasons(text: string, options: Parameters<typeof parseCalendarCsv>[1]): string[] {
  const parsed = parseCalendarCsv(text, options);
  return parsed.ok ? [] : parsed.reasons;
}

describe('the open-data CSV of the production calendar', () => {
  it('reads back every shipped final year day for day, rebuilding the decree\'s transfers and leaving ТК РФ ст. 112 ч. 2 to the rule', () => {
    for (const [year, act] of [[2025, 'Постановление Правительства РФ от 04.10.2024 № 1335'], [2026, decree2026]] as const) {
      const parsed = parseCalendarCsv(calendarCsv(shipped, year), { act });
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const imported = createProductionCalendar({ years: [parsed.value] });
      expect(summariseYear(imported, year)).toEqual(summariseYear(shipped, year));
      expect(parsed.value.transfers.every((t) => t.basis === act)).toBe(true);
    }
  });

  it('2026: the two January transfers are the decree\'s; 9 March and 11 May are the rule\'s, not data', () => {
    const parsed = parseCalendarCsv(calendarCsv(shipped, 2026), { act: decree2026 });
    expect(parsed.ok && parsed.value.transfers.map(({ from, to }) => `${from} → ${to}`)).toEqual(['2026-01-03 → 2026-01-09', '2026-01-04 → 2026-12-31']);
    expect(parsed.ok && parsed.value.shortenedDays.map((d) => d.date)).toEqual(['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03']);
  });

  it('loads a year\'s decree: with 2 and 3 January 2027 moved (an invented decree for the test), 2027 has 247 working days and is final', () => {
    const row = calendarCsv(shipped, 2027)
      .replace('"1,2,3,4,5,6,7,8,9,10,16,17,23,24,30,31"', '"1,2,3,4,5,6,7,8,9,10,11+,16,17,23,24,30,31"')
      .replace(/"([^"]*),31\*"\s*,249,116/, '"$1,31+",247,118');
    const parsed = parseCalendarCsv(row, { act: 'Постановление Правительства РФ от 01.10.2026 № 9999 (для теста)' });
    expect(parsed.ok ? [] : parsed.reasons).toEqual([]);
    if (!parsed.ok) return;
    const calendar = createProductionCalendar({ years: [parsed.value] });
    expect(summariseYear(calendar, 2027)).toMatchObject({ workingDays: 247, provisional: false });
    expect(parsed.value.transfers.map(({ from, to }) => `${from} → ${to}`)).toEqual(['2027-01-02 → 2027-01-11', '2027-01-03 → 2027-12-31']);
    expect(isWorkingDay(calendar, '2027-05-03')).toBe(false);
    expect(isShortenedDay(calendar, '2027-12-30')).toBe(false);
  });

  it('refuses a day that is not a number of the month, naming the line and the month', () => {
    const bad = calendarCsv(shipped, 2026).replace('"1,2,3,4,5,6,7,8,9+,10,11,17,18,24,25,31"', '"1,2,3,4,5,6,7,8,9+,10,11,17,18,24,25,32"');
    expect(reasons(bad, { act: decree2026 })).toEqual(['line 2, Январь: "32" is not a day of the month (a number, optionally followed by * or +)']);
  });

  it('refuses a row that drops a holiday of ТК РФ ст. 112 ч. 1', () => {
    const bad = calendarCsv(shipped, 2026).replace('"1,3*,4,7,8,14,15,21,22,28,29"', '"1,3*,7,8,14,15,21,22,28,29"');
    expect(reasons(bad, { act: decree2026 })).toEqual(['line 2, Ноябрь: 2026-11-04 (День народного единства) is a holiday by ТК РФ ст. 112 ч. 1 but is not listed as a day off']);
  });

  it('refuses a total of working days that the listed days contradict', () => {
    const bad = calendarCsv(shipped, 2026).replace(',247,118', ',248,117');
    expect(reasons(bad, { act: decree2026 })).toEqual(['line 2, Всего рабочих дней: says 248, the listed days give 247']);
  });

  it('refuses a weekday off with no weekend to come from', () => {
    const bad = calendarCsv(shipped, 2026).replace('"1,7,8,14,15,21,22,23,28"', '"1,2,7,8,14,15,21,22,23,28"');
    expect(reasons(bad, { act: decree2026 })).toEqual(['line 2: 3 weekdays are days off (2026-01-09, 2026-02-02, 2026-12-31) but only 2 weekend days could have been moved to them']);
  });

  it('asks which year when the file holds several, and for the decree or the reason it is provisional', () => {
    const two = calendarCsv(shipped, 2025) + calendarCsv(shipped, 2026).split('\n')[1];
    expect(reasons(two, { act: decree2026 })).toEqual(['the file holds 2 years (2025, 2026): say which one to load']);
    expect(parseCalendarCsv(two, { year: 2026, act: decree2026 }).ok).toBe(true);
    expect(reasons(calendarCsv(shipped, 2026), {})[0]).toMatch(/name the decree .* or say why the year is provisional/);
    const provisional = parseCalendarCsv(calendarCsv(shipped, 2027), { provisionalReason: 'проект постановления' });
    expect(provisional.ok && provisional.value.source.status).toBe('provisional');
  });

  it('refuses text that is not CSV with its line', () => {
    expect(reasons('"Год/Месяц","Январь\n2026,"1,2', { act: decree2026 })[0]).toMatch(/^line \d+: not CSV/);
  });
});
