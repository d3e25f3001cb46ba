import { DateTime, IANAZone } from 'luxon';
import type { LocalDate } from './local-date.js';

/**
 * The bridge between instants (ISO 8601 UTC text, as `Timestamp` in contracts) and the city's
 * wall clock. Everything zone-dependent goes through here so the rest stays plain date math.
 */

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The city's calendar date at an instant. */
export function localDateOf(instant: string, zone: string): LocalDate {
  const local = DateTime.fromMillis(Date.parse(instant), { zone });
  if (!local.isValid) throw new RangeError(`cannot read instant ${instant} in zone ${zone}`);
  return `${pad(local.year, 4)}-${pad(local.month, 2)}-${pad(local.day, 2)}`;
}

/** Minutes since local midnight at an instant, in the city's zone. */
export function localMinutesOf(instant: string, zone: string): number {
  const local = DateTime.fromMillis(Date.parse(instant), { zone });
  return local.hour * 60 + local.minute;
}

/**
 * The instant at a wall-clock time of a city date. A time skipped by a forward DST change is
 * moved forward by the gap (luxon's rule), so it is never earlier than the wall time asked for.
 */
export function instantAt(date: LocalDate, minutesOfDay: number, zone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const local = DateTime.fromObject(
    { year, month, day, hour: Math.floor(minutesOfDay / 60), minute: minutesOfDay % 60 },
    { zone },
  );
  if (!local.isValid) throw new RangeError(`cannot place ${date} ${minutesOfDay} min in zone ${zone}`);
  return new Date(local.toMillis()).toISOString();
}

/** Local midnight that starts a city date. */
export function startOfLocalDay(date: LocalDate, zone: string): string {
  return instantAt(date, 0, zone);
}

/** `HH:MM` to minutes since midnight. */
export function parseClockTime(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

export function addMilliseconds(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
