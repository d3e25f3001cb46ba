import { instantAt, localDateOf, localMinutesOf } from './city-time.js';
import { addCalendarDays } from './local-date.js';
import { isWorkingDay, workdayEndOf, type ProductionCalendar } from './production-calendar.js';
import { onOrNextWorkingDay } from './working-days.js';

export function isWithinWorkingHours(calendar: ProductionCalendar, instant: string): boolean {
  const date = localDateOf(instant, calendar.zone);
  const minutes = localMinutesOf(instant, calendar.zone);
  return isWorkingDay(calendar, date) && minutes >= calendar.workdayStart && minutes < workdayEndOf(calendar, date);
}

/**
 * The instant itself when the city is at work, else the start of the next working day: a warning
 * due at night, on a weekend or a holiday reaches people when they can act on it.
 */
export function nextWorkingMoment(calendar: ProductionCalendar, instant: string): string {
  if (isWithinWorkingHours(calendar, instant)) return instant;
  const date = localDateOf(instant, calendar.zone);
  if (isWorkingDay(calendar, date) && localMinutesOf(instant, calendar.zone) < calendar.workdayStart) {
    return instantAt(date, calendar.workdayStart, calendar.zone);
  }
  return instantAt(onOrNextWorkingDay(calendar, addCalendarDays(date, 1)), calendar.workdayStart, calendar.zone);
}
