import { parse } from 'csv-parse/sync';
import { validateCalendarYear, type CalendarYear, type DayTransfer } from './calendar-data.js';
import type { Checked } from './data-issues.js';
import { article112Part2Moves, isJanuaryHoliday } from './holiday-rules.js';
import { isWeekend, type LocalDate } from './local-date.js';
import { daysOf, summariseYear } from './calendar-summary.js';
import { createProductionCalendar, dayKind, fixedHolidays, isShortenedDay, isWorkingDay, type ProductionCalendar } from './production-calendar.js';

/**
 * The production calendar as the open-data portals publish it: one row per year, a column per
 * month listing its non-working days by number, with `*` marking a shortened (pre-holiday)
 * working day and `+` a transferred day off, then the year's totals.
 */
export const CALENDAR_CSV_HEADER = [
  'Год/Месяц', 'Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь',
  'Всего рабочих дней', 'Всего праздничных и выходных дней',
] as const;
const MONTHS = CALENDAR_CSV_HEADER.slice(1, 13);

export interface CalendarCsvOptions {
  /** The row to take when the file holds several years. */
  year?: number | undefined;
  /** The decree the year's transfers come from, cited by date and number; the year is then final. */
  act?: string | undefined;
  /** Why the year is loaded before its decree is (a draft...): the year is then provisional. */
  provisionalReason?: string | undefined;
}

interface Row {
  line: number;
  cells: string[];
}

/**
 * Reads one year of the open-data CSV into the calendar's yearly data. The CSV does not say which
 * weekend each transferred day off comes from, so the pairing is rebuilt: ТК РФ ст. 112 ч. 2 moves
 * are recognised, the rest are the decree's. Whatever is read is compiled and compared with the
 * row day by day, so an import never changes a date the file did not say. Every refusal names its
 * line and, where it can, the month.
 */
export function parseCalendarCsv(text: string, options: CalendarCsvOptions = {}): Checked<CalendarYear> {
  const rows = readRows(text);
  if (!rows.ok) return rows;
  const years = rows.value.filter((row) => /^\d{4}$/.test(row.cells[0]?.trim() ?? ''));
  if (years.length === 0) return fail(`line 1: no row starts with a year (expected the columns ${CALENDAR_CSV_HEADER.slice(0, 3).join(', ')}, …)`);
  let row: Row | undefined;
  if (options.year === undefined) {
    if (years.length > 1) return fail(`the file holds ${years.length} years (${years.map((r) => r.cells[0]).join(', ')}): say which one to load`);
    row = years[0];
  } else {
    row = years.find((candidate) => Number(candidate.cells[0]) === options.year);
    if (row === undefined) return fail(`the file has no row for ${options.year}`);
  }
  if (row === undefined) return fail('no row to load');
  if ((options.act === undefined) === (options.provisionalReason === undefined)) {
    return fail('name the decree the transfers come from (act) or say why the year is provisional (provisionalReason), one of the two');
  }
  return yearFromRow(row, options);
}

function yearFromRow(row: Row, options: CalendarCsvOptions): Checked<CalendarYear> {
  const year = Number(row.cells[0]);
  const at = (month: string): string => `line ${row.line}, ${month}`;
  if (row.cells.length < 13) return fail(`line ${row.line}: ${row.cells.length} columns, expected at least 13 (the year and twelve months)`);
  const nonWorking = new Set<LocalDate>();
  const shortened = new Set<LocalDate>();
  const reasons: string[] = [];
  MONTHS.forEach((month, index) => {
    const cell = row.cells[index + 1] ?? '';
    for (const raw of cell.split(',').map((token) => token.trim()).filter((token) => token !== '')) {
      const match = /^(\d{1,2})([*+]?)$/.exec(raw);
      const date = match === null ? undefined : dateOf(year, index + 1, Number(match[1]));
      if (match === null || date === undefined) {
        reasons.push(`${at(month)}: "${raw}" is not a day of the month (a number, optionally followed by * or +)`);
        continue;
      }
      if (match[2] === '*') shortened.add(date);
      else nonWorking.add(date);
    }
  });
  if (reasons.length > 0) return { ok: false, reasons };

  const holidays = fixedHolidays(year);
  for (const holiday of holidays) {
    if (!nonWorking.has(holiday.date)) reasons.push(`${at(monthName(holiday.date))}: ${holiday.date} (${holiday.name}) is a holiday by ТК РФ ст. 112 ч. 1 but is not listed as a day off`);
  }
  for (const date of shortened) {
    if (nonWorking.has(date)) reasons.push(`${at(monthName(date))}: ${date} is listed both as a day off and as a shortened day`);
  }
  if (reasons.length > 0) return { ok: false, reasons };

  const transfers = decreeTransfers(year, holidays.map((h) => h.date), nonWorking, options.act ?? 'проект постановления о переносе выходных дней');
  if (!transfers.ok) return { ok: false, reasons: transfers.reasons.map((reason) => `line ${row.line}: ${reason}`) };
  const source = options.act !== undefined
    ? { act: options.act, status: 'final' as const }
    : { act: 'производственный календарь (открытые данные), постановление не внесено', status: 'provisional' as const, provisionalReason: options.provisionalReason };
  const checked = validateCalendarYear({
    year,
    source,
    holidays,
    transfers: transfers.value,
    shortenedDays: [...shortened].sort().map((date) => ({ date })),
  });
  if (!checked.ok) return { ok: false, reasons: checked.reasons.map((reason) => `line ${row.line}: ${reason}`) };

  const compiled = createProductionCalendar({ years: [checked.value] });
  for (const day of daysOf(year)) {
    if (isWorkingDay(compiled, day) === nonWorking.has(day)) {
      reasons.push(`${at(monthName(day))}: ${day} would be ${nonWorking.has(day) ? 'a working day' : 'a day off'} although the file says otherwise; the transfers cannot be rebuilt`);
    }
  }
  const totalWorking = row.cells[13]?.trim();
  const working = summariseYear(compiled, year).workingDays;
  if (totalWorking !== undefined && totalWorking !== '' && Number(totalWorking) !== working) {
    reasons.push(`line ${row.line}, ${CALENDAR_CSV_HEADER[13]}: says ${totalWorking}, the listed days give ${working}`);
  }
  return reasons.length > 0 ? { ok: false, reasons } : checked;
}

/**
 * The weekend days the decree made working, and the January (or other) holidays whose day off it
 * moved, paired in date order with the weekdays it made days off. ТК РФ ст. 112 ч. 2 moves are
 * not the decree's and are left to the rule.
 */
function decreeTransfers(year: number, holidays: LocalDate[], nonWorking: ReadonlySet<LocalDate>, basis: string): Checked<DayTransfer[]> {
  const holidaySet = new Set(holidays);
  const extraDaysOff: LocalDate[] = [];
  const workingWeekends: LocalDate[] = [];
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = next(day)) {
    if (isWeekend(day) && !nonWorking.has(day)) workingWeekends.push(day);
    if (!isWeekend(day) && !holidaySet.has(day) && nonWorking.has(day)) extraDaysOff.push(day);
  }
  const byRule = article112Part2Moves(holidays, []);
  const ruleDays = new Set(byRule.filter((move) => nonWorking.has(move.to)).map((move) => move.to));
  // A holiday on a weekend whose rule day is a working day had its day off moved by the decree.
  const movedByDecree = byRule.filter((move) => !nonWorking.has(move.to)).map((move) => move.from);
  const required = [...workingWeekends, ...movedByDecree].sort();
  const january = holidays.filter((date) => isJanuaryHoliday(date) && isWeekend(date));
  const tos = extraDaysOff.filter((day) => !ruleDays.has(day));
  if (tos.length < required.length) {
    return fail(`${required.length} weekend days are working or moved (${required.join(', ')}) but only ${tos.length} weekdays are transferred days off`);
  }
  const froms = [...required, ...january.slice(0, tos.length - required.length)];
  if (froms.length < tos.length) {
    return fail(`${tos.length} weekdays are days off (${tos.join(', ')}) but only ${froms.length} weekend days could have been moved to them`);
  }
  return { ok: true, value: froms.map((from, index) => ({ from, to: tos[index] as LocalDate, basis })) };
}

/** The year as a row of the open-data CSV, with its header: what an administrator can check against the portal. */
export function calendarCsv(calendar: ProductionCalendar, year: number): string {
  const months = MONTHS.map((_, index) => {
    const days: string[] = [];
    for (let day = dateOf(year, index + 1, 1); day !== undefined && day.slice(5, 7) === pad(index + 1); day = next(day)) {
      const n = String(Number(day.slice(8, 10)));
      if (dayKind(calendar, day) === 'transferred-day-off') days.push(`${n}+`);
      else if (!isWorkingDay(calendar, day)) days.push(n);
      else if (isShortenedDay(calendar, day)) days.push(`${n}*`);
    }
    return `"${days.join(',')}"`;
  });
  const summary = summariseYear(calendar, year);
  const row = [String(year), ...months, String(summary.workingDays), String(summary.nonWorkingDays.length)];
  return `${CALENDAR_CSV_HEADER.map((title) => `"${title}"`).join(',')}\n${row.join(',')}\n`;
}

function readRows(text: string): Checked<Row[]> {
  try {
    const records = parse(text.replace(/^\uFEFF/, ''), { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return { ok: true, value: records.map(({ record, info }) => ({ line: info.lines, cells: record })) };
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return fail(`line ${line ?? '?'}: not CSV (${(error as Error).message.split('\n')[0] ?? 'unreadable'})`);
  }
}

function dateOf(year: number, month: number, day: number): LocalDate | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && day >= 1 ? date.toISOString().slice(0, 10) : undefined;
}

function next(day: LocalDate): LocalDate {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function monthName(date: LocalDate): string {
  return MONTHS[Number(date.slice(5, 7)) - 1] ?? date;
}

function pad(month: number): string {
  return String(month).padStart(2, '0');
}

function fail<T>(reason: string): Checked<T> {
  return { ok: false, reasons: [reason] };
}
