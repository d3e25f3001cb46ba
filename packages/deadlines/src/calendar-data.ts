import { z } from 'zod';
import { LocalDate, isWeekend, isoWeekday, yearOf } from './local-date.js';
import { reasonsOf, type Checked } from './data-issues.js';
import { ARTICLE_112_PART_2, article112Part2Moves } from './holiday-rules.js';

/** A non-working public holiday (ТК РФ ст. 112 ч. 1). */
export const CalendarHoliday = z.strictObject({
  date: LocalDate,
  name: z.string().trim().min(1, 'must not be empty'),
});
export type CalendarHoliday = z.infer<typeof CalendarHoliday>;

/**
 * A weekend day moved by the government (or by ТК РФ ст. 112 ч. 2): `to` becomes a day off, and
 * `from` becomes a working day unless it is itself a holiday (a January holiday that fell on a
 * Saturday stays a holiday; only the day off it carried is moved).
 */
export const DayTransfer = z.strictObject({
  from: LocalDate,
  to: LocalDate,
  basis: z.string().trim().min(1, 'must name the act the transfer comes from'),
});
export type DayTransfer = z.infer<typeof DayTransfer>;

/** «от 24.09.2025 № 1466»: how a government decree is cited. */
export const DECREE_REFERENCE = /от \d{2}\.\d{2}\.\d{4} № \d+/;

export const CalendarSource = z
  .strictObject({
    /** The act, e.g. «Постановление Правительства РФ от 04.10.2024 № 1335 …». */
    act: z.string().trim().min(1, 'must name the act'),
    status: z.enum(['final', 'provisional']),
    /** Why a year is provisional (the decree is not yet signed...), shown to administrators. */
    provisionalReason: z.string().trim().min(1).optional(),
  })
  .refine((source) => source.status === 'final' || source.provisionalReason !== undefined, {
    message: 'a provisional year must say why (provisionalReason)',
    path: ['provisionalReason'],
  })
  .refine((source) => source.status === 'provisional' || DECREE_REFERENCE.test(source.act), {
    message: 'a final year must name the decree by its date and number («от 24.09.2025 № 1466»)',
    path: ['act'],
  });
export type CalendarSource = z.infer<typeof CalendarSource>;

/** A pre-holiday day shortened by one hour (ТК РФ ст. 95); a working day still. */
export const ShortenedDay = z.strictObject({ date: LocalDate });

/** One year of the production calendar as an administrator keeps it: one JSON file per year. */
export const CalendarYear = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    source: CalendarSource,
    holidays: z.array(CalendarHoliday),
    transfers: z.array(DayTransfer),
    shortenedDays: z.array(ShortenedDay),
  })
  .superRefine((data, context) => {
    const problem = (path: PropertyKey[], message: string): void => {
      context.addIssue({ code: 'custom', path, message });
    };
    const holidays = new Set<string>();
    data.holidays.forEach(({ date }, index) => {
      if (yearOf(date) !== data.year) problem(['holidays', index, 'date'], `${date} is not in ${data.year}`);
      if (holidays.has(date)) problem(['holidays', index, 'date'], `${date} is listed twice`);
      holidays.add(date);
    });
    const froms = new Set<string>();
    const tos = new Set<string>();
    data.transfers.forEach(({ from, to }, index) => {
      if (yearOf(from) !== data.year) problem(['transfers', index, 'from'], `${from} is not in ${data.year}`);
      if (yearOf(to) !== data.year) problem(['transfers', index, 'to'], `${to} is not in ${data.year}`);
      if (!isWeekend(from)) problem(['transfers', index, 'from'], `${from} is a ${weekdayName(from)}; only a Saturday or Sunday day off can be moved`);
      if (isWeekend(to)) problem(['transfers', index, 'to'], `${to} is a ${weekdayName(to)}, already a day off`);
      if (holidays.has(to)) problem(['transfers', index, 'to'], `${to} is already a holiday`);
      if (froms.has(from)) problem(['transfers', index, 'from'], `${from} is moved twice`);
      if (tos.has(to)) problem(['transfers', index, 'to'], `${to} receives two days off`);
      froms.add(from);
      tos.add(to);
    });
    const holidayDates = data.holidays.map((h) => h.date);
    data.transfers.forEach(({ from, to }, index) => {
      const others = data.transfers.filter((_, other) => other !== index);
      if (article112Part2Moves(holidayDates, others).some((move) => move.from === from && move.to === to)) {
        problem(['transfers', index], `${from} → ${to} is what ${ARTICLE_112_PART_2} does by itself; only the decree's own transfers are data`);
      }
    });
    const moved = new Set(article112Part2Moves(holidayDates, data.transfers).map((move) => move.to));
    const shortened = new Set<string>();
    data.shortenedDays.forEach(({ date }, index) => {
      const workingWeekend = froms.has(date) && !holidays.has(date);
      const dayOff = holidays.has(date) || tos.has(date) || moved.has(date) || (isWeekend(date) && !workingWeekend);
      if (yearOf(date) !== data.year) problem(['shortenedDays', index, 'date'], `${date} is not in ${data.year}`);
      if (dayOff) problem(['shortenedDays', index, 'date'], `${date} is not a working day, so it cannot be shortened`);
      if (shortened.has(date)) problem(['shortenedDays', index, 'date'], `${date} is listed twice`);
      shortened.add(date);
    });
  });
export type CalendarYear = z.infer<typeof CalendarYear>;

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function weekdayName(date: string): string {
  return WEEKDAYS[isoWeekday(date) - 1] ?? 'day';
}

/** Checks one year's file; the reasons name the field and the date, e.g. `transfers[1].to: 2025-05-03 is a Saturday…`. */
export function validateCalendarYear(input: unknown): Checked<CalendarYear> {
  const parsed = CalendarYear.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reasons: reasonsOf(parsed.error) };
}
