import { addCalendarDays, localDateOf, startOfLocalDay, type LocalDate } from '@priemnaya/deadlines';

/**
 * The calendar of the supervisors' charts: days are the city's days (the zone of the production
 * calendar the deadlines are counted in), never UTC days, so an appeal received at 01:00 in the
 * city counts on that city day although it is still the day before in UTC.
 */

/** The city date of an instant: the day an event counts on. */
export function cityDate(instant: string, zone: string): LocalDate {
  return localDateOf(instant, zone);
}

/** `days` city dates ending with today's, oldest first. */
export function chartDates(now: string, days: number, zone: string): LocalDate[] {
  const today = cityDate(now, zone);
  return Array.from({ length: days }, (_, index) => addCalendarDays(today, index - days + 1));
}

/**
 * The instant a day's open and overdue appeals are counted at: the end of the day (the next
 * city midnight, so an appeal answered at 23:59 is no longer open), or now for a day not yet
 * over, which is the most that is known of it.
 */
export function countingInstant(date: LocalDate, now: string, zone: string): string {
  const endOfDay = startOfLocalDay(addCalendarDays(date, 1), zone);
  return Date.parse(endOfDay) < Date.parse(now) ? endOfDay : now;
}
