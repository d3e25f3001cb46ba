import { addCalendarDays, type LocalDate } from './local-date.js';
import { isWorkingDay, type ProductionCalendar } from './production-calendar.js';

/**
 * Working-day arithmetic on the production calendar. Loops day by day: clocks are at most a few
 * months long, and a year is 365 set look-ups, so no index is worth its invalidation on a
 * calendar change.
 */

/** The date itself when it is a working day, else the first working day after it (ГК РФ ст. 193). */
export function onOrNextWorkingDay(calendar: ProductionCalendar, date: LocalDate): LocalDate {
  let day = date;
  while (!isWorkingDay(calendar, day)) day = addCalendarDays(day, 1);
  return day;
}

/** The date itself when it is a working day, else the last working day before it. */
export function onOrPreviousWorkingDay(calendar: ProductionCalendar, date: LocalDate): LocalDate {
  let day = date;
  while (!isWorkingDay(calendar, day)) day = addCalendarDays(day, -1);
  return day;
}

/**
 * The `days`-th working day after `date` (before it when negative); 0 gives `date` unchanged.
 * A term of n working days "from" a date starts the next day, as ГК РФ ст. 191 has it.
 */
export function addWorkingDays(calendar: ProductionCalendar, date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`working days must be a whole number, got ${days}`);
  const step = days < 0 ? -1 : 1;
  let day = date;
  for (let left = Math.abs(days); left > 0; ) {
    day = addCalendarDays(day, step);
    if (isWorkingDay(calendar, day)) left -= 1;
  }
  return day;
}

/** Working days in (from, to]: after `from`, up to and including `to`; negative when `to` is earlier. */
export function countWorkingDays(calendar: ProductionCalendar, from: LocalDate, to: LocalDate): number {
  if (to < from) return -countWorkingDays(calendar, to, from);
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(calendar, day)) count += 1;
  }
  return count;
}
