import { localDateOf, startOfLocalDay } from './city-time.js';
import { addCalendarDays, type LocalDate } from './local-date.js';
import type { ProductionCalendar } from './production-calendar.js';
import { addWorkingDays, onOrNextWorkingDay, onOrPreviousWorkingDay } from './working-days.js';

export interface Term {
  count: 'calendar-days' | 'working-days';
  days: number;
  moveOffNonWorkingDay: boolean;
}

export interface Due {
  /** The last day by plain counting, before any move off a day off. */
  nominalDueDate: LocalDate;
  /** The last day of the term. */
  dueDate: LocalDate;
  /** The instant the term runs out: the end of `dueDate`, city time (ГК РФ ст. 194). */
  dueAt: string;
}

/**
 * The end of a term that starts on `startDate`. Counting begins the next day (ГК РФ ст. 191),
 * so a 30-day term from 1 March ends on 31 March; a working-day term always ends on a working day.
 */
export function termEnd(calendar: ProductionCalendar, startDate: LocalDate, term: Term): Due {
  const nominalDueDate =
    term.count === 'working-days' ? addWorkingDays(calendar, startDate, term.days) : addCalendarDays(startDate, term.days);
  const dueDate = term.moveOffNonWorkingDay ? onOrNextWorkingDay(calendar, nominalDueDate) : nominalDueDate;
  return { nominalDueDate, dueDate, dueAt: endOfDay(calendar, dueDate) };
}

/** As `termEnd`, from an instant read on the city's calendar. */
export function termEndFrom(calendar: ProductionCalendar, startedAt: string, term: Term): Due {
  return termEnd(calendar, localDateOf(startedAt, calendar.zone), term);
}

/** An extension lengthens the term itself: it is added to the unmoved end, then moved once. */
export function extendedEnd(calendar: ProductionCalendar, nominalDueDate: LocalDate, term: Term): Due {
  return termEnd(calendar, nominalDueDate, term);
}

/**
 * A co-executor's part is due some calendar days before the controlling deadline, on a working
 * day no later than that, so it is never pushed past the date the controller counted on.
 */
export function coExecutorEnd(calendar: ProductionCalendar, controlDueDate: LocalDate, daysBefore: number): Due {
  const dueDate = onOrPreviousWorkingDay(calendar, addCalendarDays(controlDueDate, -daysBefore));
  return { nominalDueDate: addCalendarDays(controlDueDate, -daysBefore), dueDate, dueAt: endOfDay(calendar, dueDate) };
}

export function endOfDay(calendar: ProductionCalendar, date: LocalDate): string {
  return startOfLocalDay(addCalendarDays(date, 1), calendar.zone);
}
