import { z } from 'zod';
import { isValidZone, parseClockTime } from './city-time.js';
import { validateCalendarYear, type CalendarHoliday, type CalendarYear } from './calendar-data.js';
import { unwrap, type Checked } from './data-issues.js';
import { article112Part2Moves, article95ShortenedDays, type MovedDayOff } from './holiday-rules.js';
import { isWeekend, yearOf, type LocalDate } from './local-date.js';

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM');

/** Where and when the city works; an administrator's settings beside the yearly files. */
export const CalendarSettings = z
  .strictObject({
    zone: z.string().refine(isValidZone, 'must be an IANA time zone such as Europe/Moscow').default('Europe/Moscow'),
    /** Warnings that wait for working hours are delivered from this time of a working day. */
    workdayStart: ClockTime.default('09:00'),
    workdayEnd: ClockTime.default('18:00'),
    /**
     * When the last day of a term runs out (ГК РФ ст. 194 ч. 1): at the end of the day, or at the
     * close of business where the city's rules have the office's working hours end it.
     */
    termEndsAt: z.enum(['end-of-day', 'close-of-business']).default('end-of-day'),
    /**
     * Where a term ending on a day off goes: to the next working day (ГК РФ ст. 193), or to the
     * working day before it, as some office-work instructions have it.
     */
    nonWorkingDayMovesTo: z.enum(['next-working-day', 'previous-working-day']).default('next-working-day'),
  })
  .refine((s) => parseClockTime(s.workdayStart) < parseClockTime(s.workdayEnd), {
    message: 'must be later than workdayStart',
    path: ['workdayEnd'],
  });
export type CalendarSettings = z.input<typeof CalendarSettings>;

/** How far a year's data can be trusted: the decree, a provisional draft, or only art. 112. */
export type YearCoverage = 'final' | 'provisional' | 'fixed-holidays-only';

interface CompiledYear {
  readonly coverage: YearCoverage;
  readonly holidays: ReadonlyMap<LocalDate, string>;
  readonly transferredDaysOff: ReadonlySet<LocalDate>;
  readonly workingWeekends: ReadonlySet<LocalDate>;
  readonly shortened: ReadonlySet<LocalDate>;
  /** The days off ТК РФ ст. 112 ч. 2 moved, computed from the holidays and the decree. */
  readonly movedDaysOff: readonly MovedDayOff[];
}

/** The production calendar the deadline logic runs on: immutable, built from checked data. */
export interface ProductionCalendar {
  readonly zone: string;
  /** Minutes after local midnight. */
  readonly workdayStart: number;
  readonly workdayEnd: number;
  readonly termEndsAt: 'end-of-day' | 'close-of-business';
  readonly nonWorkingDayMovesTo: 'next-working-day' | 'previous-working-day';
  readonly years: ReadonlyMap<number, CompiledYear>;
  /** The data as given, so a re-plan can say which calendar it used. */
  readonly data: readonly CalendarYear[];
}

export type DayKind = 'working-day' | 'working-weekend' | 'weekend' | 'holiday' | 'transferred-day-off';

/** ТК РФ ст. 112 ч. 1: the holidays every year has whatever the decree, used for years without data. */
const FIXED_HOLIDAYS: readonly (readonly [string, string])[] = [
  ['01-01', 'Новогодние каникулы'], ['01-02', 'Новогодние каникулы'], ['01-03', 'Новогодние каникулы'],
  ['01-04', 'Новогодние каникулы'], ['01-05', 'Новогодние каникулы'], ['01-06', 'Новогодние каникулы'],
  ['01-07', 'Рождество Христово'], ['01-08', 'Новогодние каникулы'], ['02-23', 'День защитника Отечества'],
  ['03-08', 'Международный женский день'], ['05-01', 'Праздник Весны и Труда'], ['05-09', 'День Победы'],
  ['06-12', 'День России'], ['11-04', 'День народного единства'],
];

export function fixedHolidays(year: number): CalendarHoliday[] {
  return FIXED_HOLIDAYS.map(([monthDay, name]) => ({ date: `${year}-${monthDay}`, name }));
}

function compileYear(data: CalendarYear): CompiledYear {
  const holidays = new Map(data.holidays.map((h) => [h.date, h.name] as const));
  const movedDaysOff = article112Part2Moves([...holidays.keys()], data.transfers);
  return {
    coverage: data.source.status,
    holidays,
    transferredDaysOff: new Set([...data.transfers, ...movedDaysOff].map((t) => t.to)),
    workingWeekends: new Set(data.transfers.filter((t) => !holidays.has(t.from)).map((t) => t.from)),
    shortened: new Set(data.shortenedDays.map((d) => d.date)),
    movedDaysOff,
  };
}

const uncoveredYears = new Map<number, CompiledYear>();

/** A year with no data: the holidays of ст. 112 ч. 1, the moves of ч. 2 and the short days of ст. 95. */
function fallbackYear(year: number): CompiledYear {
  let compiled = uncoveredYears.get(year);
  if (compiled === undefined) {
    const holidays = new Map(fixedHolidays(year).map((h) => [h.date, h.name] as const));
    const movedDaysOff = article112Part2Moves([...holidays.keys()], []);
    const daysOff = new Set(movedDaysOff.map((t) => t.to));
    const isFixedHoliday = (date: LocalDate): boolean => FIXED_HOLIDAYS.some(([monthDay]) => date.endsWith(`-${monthDay}`));
    const working = (date: LocalDate): boolean => !holidays.has(date) && !daysOff.has(date) && !isWeekend(date);
    compiled = {
      coverage: 'fixed-holidays-only',
      holidays,
      transferredDaysOff: daysOff,
      workingWeekends: new Set(),
      shortened: new Set(article95ShortenedDays(year, working, isFixedHoliday)),
      movedDaysOff,
    };
    uncoveredYears.set(year, compiled);
  }
  return compiled;
}

/**
 * Checks the settings and every year, and builds the calendar, or returns every reason it was
 * refused. A year without data is not an error: it falls back to art. 112's fixed holidays, and
 * `yearCoverage` tells so, because a monitor must keep counting on 1 January before the file lands.
 */
export function checkProductionCalendar(input: { settings?: unknown; years: readonly unknown[] }): Checked<ProductionCalendar> {
  const reasons: string[] = [];
  const settings = CalendarSettings.safeParse(input.settings ?? {});
  if (!settings.success) reasons.push(...settings.error.issues.map((i) => `settings.${i.path.join('.')}: ${i.message}`));
  const years = new Map<number, CompiledYear>();
  const data: CalendarYear[] = [];
  input.years.forEach((raw, index) => {
    const year = validateCalendarYear(raw);
    if (!year.ok) {
      reasons.push(...year.reasons.map((r) => `years[${index}].${r}`));
    } else if (years.has(year.value.year)) {
      reasons.push(`years[${index}].year: ${year.value.year} is given twice`);
    } else {
      years.set(year.value.year, compileYear(year.value));
      data.push(year.value);
    }
  });
  if (!settings.success || reasons.length > 0) return { ok: false, reasons };
  return {
    ok: true,
    value: {
      zone: settings.data.zone,
      workdayStart: parseClockTime(settings.data.workdayStart),
      workdayEnd: parseClockTime(settings.data.workdayEnd),
      termEndsAt: settings.data.termEndsAt,
      nonWorkingDayMovesTo: settings.data.nonWorkingDayMovesTo,
      years,
      data,
    },
  };
}

/** As `checkProductionCalendar`, throwing `DeadlineDataError` with the reasons. */
export function createProductionCalendar(input: { settings?: unknown; years: readonly unknown[] }): ProductionCalendar {
  return unwrap('production calendar', checkProductionCalendar(input));
}

function yearData(calendar: ProductionCalendar, date: LocalDate): CompiledYear {
  const year = yearOf(date);
  return calendar.years.get(year) ?? fallbackYear(year);
}

export function yearCoverage(calendar: ProductionCalendar, year: number): YearCoverage {
  return calendar.years.get(year)?.coverage ?? 'fixed-holidays-only';
}

/**
 * A year whose decree on transfers is not entered: its deadlines may still move when it is, so
 * they are shown as provisional; nothing stops counting on them.
 */
export function isProvisionalYear(calendar: ProductionCalendar, year: number): boolean {
  return yearCoverage(calendar, year) !== 'final';
}

/** The days off ТК РФ ст. 112 ч. 2 moved in a year, as computed. */
export function movedDaysOff(calendar: ProductionCalendar, year: number): readonly MovedDayOff[] {
  return (calendar.years.get(year) ?? fallbackYear(year)).movedDaysOff;
}

export function dayKind(calendar: ProductionCalendar, date: LocalDate): DayKind {
  const year = yearData(calendar, date);
  if (year.holidays.has(date)) return 'holiday';
  if (year.transferredDaysOff.has(date)) return 'transferred-day-off';
  if (year.workingWeekends.has(date)) return 'working-weekend';
  return isWeekend(date) ? 'weekend' : 'working-day';
}

export function isWorkingDay(calendar: ProductionCalendar, date: LocalDate): boolean {
  const kind = dayKind(calendar, date);
  return kind === 'working-day' || kind === 'working-weekend';
}

/** A pre-holiday day, one hour shorter (ТК РФ ст. 95). */
export function isShortenedDay(calendar: ProductionCalendar, date: LocalDate): boolean {
  return yearData(calendar, date).shortened.has(date);
}

export function holidayName(calendar: ProductionCalendar, date: LocalDate): string | undefined {
  return yearData(calendar, date).holidays.get(date);
}

/** End of the working day in minutes after midnight: an hour earlier on a shortened day. */
export function workdayEndOf(calendar: ProductionCalendar, date: LocalDate): number {
  return isShortenedDay(calendar, date) ? calendar.workdayEnd - 60 : calendar.workdayEnd;
}
