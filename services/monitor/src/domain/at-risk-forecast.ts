import type { AtRiskAlert } from '@priemnaya/contracts';
import {
  addWorkingDays,
  countWorkingDays,
  isWorkingDay,
  localDateOf,
  stableAlertId,
  startOfLocalDay,
  type Clock as LegalClock,
  type LocalDate,
  type ProductionCalendar,
} from '@priemnaya/deadlines';

/**
 * Pre-emptive control: which appeals a unit will likely answer late at its present backlog and
 * pace. A unit works its queue soonest-due first; the n-th appeal in that queue is answered after
 * about n / pace working days. When that is more than the working days left before its deadline,
 * the appeal is at risk, long before any fixed stage would say so.
 */

/** The clocks a unit's answers stop, the ones whose queue the forecast orders. */
const FORECAST_KINDS: ReadonlySet<LegalClock['kind']> = new Set(['answer', 'extended-answer']);

export interface QueuedClock {
  clock: LegalClock;
  registrationNumber?: string | undefined;
}

export interface UnitPace {
  /** Answers given in the window. */
  answers: number;
  /** Completed working days in the window (today is not complete, so not counted). */
  workingDays: number;
  /** Where the window starts and ends (start of a city day), for the record. */
  since: string;
  until: string;
  pacePerWorkingDay: number;
}

export type AtRiskReason = AtRiskAlert['reason'];

export interface AtRiskFinding {
  clock: LegalClock;
  registrationNumber?: string | undefined;
  reason: AtRiskReason;
}

/** The window of the last `workingDays` completed working days before `now`'s city date. */
export function paceWindow(calendar: ProductionCalendar, now: Date, workingDays: number): { since: string; until: string } {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError(`the pace window must be a whole number of working days, at least 1; got ${workingDays}`);
  const today = localDateOf(now.toISOString(), calendar.zone);
  return { since: startOfLocalDay(addWorkingDays(calendar, today, -workingDays), calendar.zone), until: startOfLocalDay(today, calendar.zone) };
}

/** A unit's recent pace from the instants its answers were given (any order, any extra ones outside the window). */
export function unitPace(calendar: ProductionCalendar, now: Date, workingDays: number, answeredAt: readonly string[]): UnitPace {
  const { since, until } = paceWindow(calendar, now, workingDays);
  const from = Date.parse(since);
  const to = Date.parse(until);
  const answers = answeredAt.filter((instant) => {
    const at = Date.parse(instant);
    return at >= from && at < to;
  }).length;
  return { answers, workingDays, since, until, pacePerWorkingDay: answers / workingDays };
}

/**
 * Working days a clock has left at `now`: the working days after today up to its due date (the
 * city date; `dueAt` is the instant that date ends, the next day's start), and
 * today itself when it is a working day (the unit can still answer today). 0 or less: due or past.
 */
export function workingDaysLeft(calendar: ProductionCalendar, now: Date, dueDate: LocalDate): number {
  const today = localDateOf(now.toISOString(), calendar.zone);
  if (dueDate < today) return countWorkingDays(calendar, today, dueDate);
  return countWorkingDays(calendar, today, dueDate) + (isWorkingDay(calendar, today) ? 1 : 0);
}

/**
 * The unit's appeals likely to be answered late. `queue` holds the unit's open appeals (any
 * order); only running answer clocks of this unit count. Overdue clocks stay in the queue (the
 * unit still has to answer them, ahead of the rest) but are not flagged: the overdue stage speaks
 * for them. A unit with no answers in the window has no pace to learn from and gets no forecast.
 */
export function forecastUnit(input: { unit: string; queue: readonly QueuedClock[]; pace: UnitPace; calendar: ProductionCalendar; now: Date }): AtRiskFinding[] {
  const { pacePerWorkingDay } = input.pace;
  if (pacePerWorkingDay <= 0) return [];
  const ordered = input.queue
    .filter(({ clock }) => clock.status === 'running' && clock.unit === input.unit && FORECAST_KINDS.has(clock.kind))
    .sort((a, b) => Date.parse(a.clock.dueAt) - Date.parse(b.clock.dueAt) || compareText(a.clock.appealId, b.clock.appealId) || compareText(a.clock.clockId, b.clock.clockId));
  const findings: AtRiskFinding[] = [];
  for (const [index, queued] of ordered.entries()) {
    const left = workingDaysLeft(input.calendar, input.now, queued.clock.dueDate);
    if (left <= 0) continue;
    const backlogAhead = index + 1;
    const needed = roundTo(backlogAhead / pacePerWorkingDay, 2);
    if (needed <= left) continue;
    findings.push({
      clock: queued.clock,
      registrationNumber: queued.registrationNumber,
      reason: { backlogAhead, pacePerWorkingDay: roundTo(pacePerWorkingDay, 3), workingDaysLeft: left, workingDaysNeeded: needed },
    });
  }
  return findings;
}

/** The alert id of a clock's at-risk warning: one per appeal and clock, for ever. */
export function atRiskAlertId(appealId: string, clockId: string): string {
  return stableAlertId(appealId, clockId, 'at-risk');
}

/** The alert a finding raises: for supervisors, ids, numbers and figures only. */
export function atRiskAlert(finding: AtRiskFinding, raisedAt: Date): AtRiskAlert {
  const { clock } = finding;
  const alert: AtRiskAlert = {
    version: 1,
    type: 'at-risk',
    alertId: atRiskAlertId(clock.appealId, clock.clockId),
    appealId: clock.appealId,
    clockId: clock.clockId,
    clockKind: clock.kind,
    dueAt: clock.dueAt,
    raisedAt: raisedAt.toISOString(),
    recipients: ['supervisor'],
    reason: finding.reason,
  };
  if (clock.unit !== undefined) alert.unit = clock.unit;
  if (finding.registrationNumber !== undefined) alert.registrationNumber = finding.registrationNumber;
  return alert;
}

function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
