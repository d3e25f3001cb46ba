import type { UnitCode } from '@priemnaya/contracts';
import type { LocalDate } from '@priemnaya/deadlines';
import { countingInstant } from './unit-days.js';
import type { UnitDayMark, UnitSpan } from './unit-timeline.js';

/** One day of a unit's chart. */
export interface UnitDay {
  date: LocalDate;
  received: number;
  answered: number;
  answeredOnTime: number;
  /** Appeals (or parts) the unit held at the end of the day, not yet answered, forwarded or closed. */
  open: number;
  /** Of those, the ones past their deadline at the end of the day. */
  overdue: number;
}

export interface UnitSeries {
  unit: UnitCode;
  days: UnitDay[];
}

export interface SeriesInput {
  units: readonly UnitCode[];
  /** The chart's city dates, oldest first. */
  dates: readonly LocalDate[];
  now: string;
  zone: string;
  marks: Iterable<Pick<UnitDayMark, 'unit' | 'date' | 'kind'>>;
  /** Each appeal's spans: an appeal counts once per unit and day, even held twice at once. */
  appeals: Iterable<readonly UnitSpan[]>;
}

const MARK_FIELD = { received: 'received', answered: 'answered', 'answered-on-time': 'answeredOnTime' } as const;

/**
 * Every unit's chart, one entry per date including the empty ones: the day's marks counted, and
 * the appeals open and overdue at the end of each day (or now, for today).
 */
export function unitDaySeries({ units, dates, now, zone, marks, appeals }: SeriesInput): UnitSeries[] {
  const instants = dates.map((date) => Date.parse(countingInstant(date, now, zone)));
  const byUnit = new Map<UnitCode, UnitDay[]>(
    units.map((unit) => [unit, dates.map((date) => ({ date, received: 0, answered: 0, answeredOnTime: 0, open: 0, overdue: 0 }))]),
  );
  const dateIndex = new Map(dates.map((date, index) => [date, index]));

  for (const { unit, date, kind } of marks) {
    const index = dateIndex.get(date);
    const day = index !== undefined ? byUnit.get(unit)?.[index] : undefined;
    if (day !== undefined) day[MARK_FIELD[kind]] += 1;
  }

  for (const spans of appeals) {
    for (const unit of new Set(spans.map((span) => span.unit))) {
      const days = byUnit.get(unit);
      if (days === undefined) continue;
      const held = spans.filter((span) => span.unit === unit).map(parsedSpan);
      instants.forEach((instant, index) => {
        let open = false;
        let overdue = false;
        for (const span of held) {
          if (span.from >= instant || (span.to !== undefined && span.to < instant)) continue;
          open = true;
          if (span.dueAt !== undefined && span.dueAt < instant) overdue = true;
        }
        const day = days[index];
        if (!open || day === undefined) return;
        day.open += 1;
        if (overdue) day.overdue += 1;
      });
    }
  }
  return units.map((unit) => ({ unit, days: byUnit.get(unit) ?? [] }));
}

function parsedSpan(span: UnitSpan): { from: number; to?: number; dueAt?: number } {
  return {
    from: Date.parse(span.from),
    ...(span.to !== undefined ? { to: Date.parse(span.to) } : {}),
    ...(span.dueAt !== undefined ? { dueAt: Date.parse(span.dueAt) } : {}),
  };
}
