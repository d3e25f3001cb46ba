import { instantAt, localDateOf, startOfLocalDay } from './city-time.js';
import { addCalendarDays, type LocalDate } from './local-date.js';
import { workdayEndOf, type ProductionCalendar } from './production-calendar.js';
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
  /** The instant the term runs out: the end of `dueDate` or its close of business, city time (ГК РФ ст. 194 ч. 1). */
  dueAt: string;
}

/**
 * The end of a term that starts on `startDate`. Counting begins the next day (ГК РФ ст. 191),
 * so a 30-day term from 1 March ends on 31 March; a working-day term always ends on a working day.
 */
export function termEnd(calendar: ProductionCalendar, startDate: LocalDate, term: Term): Due {
  const nominalDueDate =
    term.count === 'working-days' ? addWorkingDays(calendar, startDate, term.days) : addCalendarDays(startDate, term.days);
  const dueDate = term.moveOffNonWorkingDay ? movedOffNonWorkingDay(calendar, nominalDueDate) : nominalDueDate;
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

/** The city's rule for a last day that is a day off: the next working day, or the one before. */
function movedOffNonWorkingDay(calendar: ProductionCalendar, date: LocalDate): LocalDate {
  return calendar.nonWorkingDayMovesTo === 'previous-working-day' ? onOrPreviousWorkingDay(calendar, date) : onOrNextWorkingDay(calendar, date);
}

/**
 * When a term's last day runs out: midnight that ends it, or, where the city's rules say so, the
 * close of business of that day (an hour earlier on a shortened day), city time.
 */
export function endOfDay(calendar: ProductionCalendar, date: LocalDate): string {
  if (calendar.termEndsAt === 'close-of-business') return instantAt(date, workdayEndOf(calendar, date), calendar.zone);
  return startOfLocalDay(addCalendarDays(date, 1), calendar.zone);
}
