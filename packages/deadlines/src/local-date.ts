import { z } from 'zod';

/**
 * A date on the city's wall calendar, `YYYY-MM-DD`, with no time and no zone. Deadlines of
 * 59-FZ are counted in such days; arithmetic on them never touches a time zone, so a clock's
 * length cannot be bent by an offset change.
 */
export type LocalDate = string;
export const LocalDate: z.ZodType<LocalDate> = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isRealDate, 'must be a real calendar date');

const DAY_MS = 86_400_000;

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const epochDay = toEpochDay(text);
  return Number.isFinite(epochDay) && fromEpochDay(epochDay) === text;
}

/** Days since 1970-01-01; the proleptic Gregorian calendar via Date.UTC, which has no leap seconds. */
export function toEpochDay(date: LocalDate): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function fromEpochDay(epochDay: number): LocalDate {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Calendar days from `from` to `to`: positive when `to` is later. */
export function calendarDaysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: LocalDate): boolean {
  return isoWeekday(date) >= 6;
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}
