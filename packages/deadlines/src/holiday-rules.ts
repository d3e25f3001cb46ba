import { addCalendarDays, isWeekend, type LocalDate } from './local-date.js';

/** A day off moved from one date to another, with the act it comes from. */
export interface MovedDayOff {
  from: LocalDate;
  to: LocalDate;
  basis: string;
}

export const ARTICLE_112_PART_2 = 'ТК РФ ст. 112 ч. 2 (праздник совпал с выходным днём)';

/**
 * ТК РФ ст. 112 ч. 2: a day off that falls on a non-working holiday moves to the next working day
 * after the holiday, except for the January holidays (1-8 January, paragraphs 2 and 3 of part 1),
 * whose days off only the government's decree moves. A decree may also move such a day elsewhere
 * itself (ч. 5): a holiday the decree takes a day off `from` is left to the decree.
 *
 * Computed for every year so that no one has to type the rule in and no year can miss it; the
 * decree's own transfers are data, and are given here so the moved day never lands on one of them.
 */
export function article112Part2Moves(
  holidays: readonly LocalDate[],
  decreeTransfers: readonly { from: LocalDate; to: LocalDate }[],
): MovedDayOff[] {
  const holidaySet = new Set(holidays);
  const decreeFroms = new Set(decreeTransfers.map((t) => t.from));
  const decreeTos = new Set(decreeTransfers.map((t) => t.to));
  const workingWeekends = new Set(decreeTransfers.filter((t) => !holidaySet.has(t.from)).map((t) => t.from));
  const taken = new Set<LocalDate>();
  const isDayOff = (day: LocalDate): boolean =>
    holidaySet.has(day) || decreeTos.has(day) || taken.has(day) || (isWeekend(day) && !workingWeekends.has(day));
  const moves: MovedDayOff[] = [];
  for (const holiday of [...holidays].sort()) {
    if (isJanuaryHoliday(holiday) || !isWeekend(holiday) || decreeFroms.has(holiday)) continue;
    let day = addCalendarDays(holiday, 1);
    while (isDayOff(day)) day = addCalendarDays(day, 1);
    taken.add(day);
    moves.push({ from: holiday, to: day, basis: ARTICLE_112_PART_2 });
  }
  return moves;
}

/** 1-8 January: the New Year holidays and Christmas (ТК РФ ст. 112 ч. 1, paragraphs 2 and 3). */
export function isJanuaryHoliday(date: LocalDate): boolean {
  return date.slice(5, 7) === '01' && Number(date.slice(8, 10)) <= 8;
}

/**
 * ТК РФ ст. 95 ч. 1: the working day right before a non-working holiday is one hour shorter.
 * Used for years whose decree is not entered; an entered year lists its shortened days itself.
 */
export function article95ShortenedDays(year: number, isWorkingDay: (date: LocalDate) => boolean, isHoliday: (date: LocalDate) => boolean): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day) && isHoliday(addCalendarDays(day, 1))) days.push(day);
  }
  return days;
}
