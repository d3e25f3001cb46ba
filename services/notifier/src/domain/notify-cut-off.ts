/**
 * The oldest fact the citizen is still told of: the operator's NOTIFY_SINCE when given (after a
 * lost database is restored, the instant the old one began), otherwise the notifier's first
 * start less a grace, so appeals registered shortly before a first deploy are still told.
 */
export function notifyCutOff(firstStart: Date, graceMs: number, since?: Date): Date {
  return since ?? new Date(firstStart.getTime() - graceMs);
}

/** Whether a fact of this instant is too old to tell (it happened before the notifier was there). */
export function isBeforeCutOff(occurredAt: string, cutOff: Date): boolean {
  return Date.parse(occurredAt) < cutOff.getTime();
}
