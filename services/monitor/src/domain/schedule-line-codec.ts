import type { AlertClockKind, AlertRecipient, DeadlineStageAlert } from '@priemnaya/contracts';

/** The stage alert as planned; `raisedAt` is set when it fires. */
export type PlannedAlert = Omit<DeadlineStageAlert, 'raisedAt'>;

/**
 * One line of a bucket. A stage planned at revision `rev` of its appeal carries its whole alert,
 * so the tick never reads the appeal; a stage withdrawn or moved away at revision `rev` leaves a
 * withdrawal in the minute it was planned for, which silences that stage's lines of older
 * revisions there.
 */
export type ScheduleEntry =
  | { alertId: string; appealId: string; rev: number; alert: PlannedAlert }
  | { alertId: string; appealId: string; rev: number; withdrawn: true };

const STAGE = 1;
const WITHDRAWAL = 2;

type StageLine = [typeof STAGE, string, string, number, string, string, string, string, string, number, number, number, string, string | null, string | null];
type WithdrawalLine = [typeof WITHDRAWAL, string, string, number];

/**
 * A line as stored: a JSON array of its values in a fixed order, times as epoch milliseconds.
 * Reading the due lines is most of a busy tick, and FerretDB's cost of a read follows the bytes
 * it returns: this is less than half the size of the alert as a JSON object, and the same line
 * is always the same text, so `$addToSet` still dedupes it. A line whose alert does not fit the
 * fixed shape (another alert version) is stored as its JSON object, which is read as well.
 */
export function encodeScheduleEntry(entry: ScheduleEntry): string {
  if ('withdrawn' in entry) return JSON.stringify([WITHDRAWAL, entry.alertId, entry.appealId, entry.rev] satisfies WithdrawalLine);
  const { alert } = entry;
  if (alert.version !== 1 || alert.type !== 'deadline-stage' || alert.alertId !== entry.alertId || alert.appealId !== entry.appealId || alert.recipients.some((to) => to.includes(','))) {
    return JSON.stringify(entry);
  }
  const line: StageLine = [
    STAGE, entry.alertId, entry.appealId, entry.rev,
    alert.stageId, alert.clockId, alert.clockKind, alert.policyId, alert.trigger,
    Date.parse(alert.thresholdAt), Date.parse(alert.fireAt), Date.parse(alert.dueAt),
    alert.recipients.join(','), alert.unit ?? null, alert.registrationNumber ?? null,
  ];
  return JSON.stringify(line);
}

/** A stored line: the fixed-order array, or a line written as a JSON object (text or, oldest, a document). */
export function decodeScheduleEntry(stored: string | ScheduleEntry): ScheduleEntry {
  if (typeof stored !== 'string') return stored;
  const value = JSON.parse(stored) as StageLine | WithdrawalLine | ScheduleEntry;
  if (!Array.isArray(value)) return value;
  if (value[0] === WITHDRAWAL) return { alertId: value[1], appealId: value[2], rev: value[3], withdrawn: true };
  const [, alertId, appealId, rev, stageId, clockId, clockKind, policyId, trigger, thresholdMs, fireMs, dueMs, recipients, unit, registrationNumber] = value;
  const alert: PlannedAlert = {
    version: 1,
    type: 'deadline-stage',
    alertId,
    appealId,
    clockId,
    clockKind: clockKind as AlertClockKind,
    policyId,
    stageId,
    trigger: trigger as PlannedAlert['trigger'],
    thresholdAt: new Date(thresholdMs).toISOString(),
    fireAt: new Date(fireMs).toISOString(),
    dueAt: new Date(dueMs).toISOString(),
    recipients: recipients.split(',') as AlertRecipient[],
  };
  if (unit !== null) alert.unit = unit;
  if (registrationNumber !== null) alert.registrationNumber = registrationNumber;
  return { alertId, appealId, rev, alert };
}
