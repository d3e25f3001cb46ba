import { addCalendarDays, type LocalDate } from './local-date.js';
import { isProvisionalYear, isWorkingDay, type ProductionCalendar } from './production-calendar.js';

/** A year at a glance, as `./scripts/dev calendar YEAR` prints it and the console shows it. */
export interface YearSummary {
  year: number;
  /** Weekends, holidays and transferred days off, in date order. */
  nonWorkingDays: LocalDate[];
  workingDays: number;
  /** The year's decree is not entered: its deadlines may move when it is. */
  provisional: boolean;
}

export function summariseYear(calendar: ProductionCalendar, year: number): YearSummary {
  const nonWorkingDays = daysOf(year).filter((day) => !isWorkingDay(calendar, day));
  return { year, nonWorkingDays, workingDays: daysOf(year).length - nonWorkingDays.length, provisional: isProvisionalYear(calendar, year) };
}

export function daysOf(year: number): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = `${year}-01-01`; day.startsWith(`${year}-`); day = addCalendarDays(day, 1)) days.push(day);
  return days;
}
