import type { ControlAlert } from '@priemnaya/contracts';
import type { Logger } from 'pino';
import type { PlannedAlert, ScheduleEntry, ScheduleStore } from '../data-access/schedule-store.js';
import type { Clock } from '../domain/clock.js';
import { firstOpenBucket, HOUR } from '../domain/schedule-buckets.js';
import type { RaiseAlerts } from './raise-alerts.js';

export type { TickFaults } from './raise-alerts.js';

export interface TickDeps {
  schedule: ScheduleStore;
  raise: RaiseAlerts;
  clock: Clock;
  graceMs: number;
  logger: Logger;
}

export interface TickReport {
  buckets: number;
  fired: number;
  /** Stages due whose lines a later withdrawal silenced (withdrawn, or moved away). */
  skipped: number;
  /** Claimed by another live monitor and not produced yet; their bucket is kept. */
  pending: number;
}

/**
 * One tick: the buckets whose minute is over, and only those (their number follows what is due,
 * not what is open). A tick reads the wheel only when a minute has closed since its last complete
 * read: no writer adds to a closed minute (a stage already past goes into the current one), so
 * the ticks in between have nothing new to find. Each line carries its alert, so no appeal is
 * read; a line is fired unless a withdrawal of a later revision of its appeal silences it. Alerts
 * are raised through the claim ledger; the due buckets are deleted only when every line is
 * settled, so a crash anywhere leaves them to the next tick. Ticks never overlap.
 */
export function createFireDueStages(deps: TickDeps) {
  let running: Promise<TickReport> | undefined;
  /** The first open bucket at the last tick that settled everything before it. */
  let settledBefore: number | undefined;
  return {
    tick(): Promise<TickReport> {
      running ??= run().finally(() => {
        running = undefined;
      });
      return running;
    },
    /** Resolves when the tick in flight, if any, has ended (for shutdown). */
    async settled(): Promise<void> {
      await running?.catch(() => undefined);
    },
  };

  async function run(): Promise<TickReport> {
    const now = deps.clock.now();
    const before = firstOpenBucket(now.getTime(), deps.graceMs);
    const report: TickReport = { buckets: 0, fired: 0, skipped: 0, pending: 0 };
    if (settledBefore === before) return report;
    const buckets = await deps.schedule.due(before);
    report.buckets = buckets.length;
    // All due minutes at once: one claim, produce and mark per thousand alerts, not per minute.
    const { alerts, skipped } = dueAlerts(buckets.flatMap((bucket) => bucket.entries), now);
    report.skipped = skipped;
    const { fired, pending } = await deps.raise(alerts, now);
    report.fired = fired;
    report.pending = pending;
    if (pending === 0) {
      // Every line is settled: hours whose minutes all closed go whole, the current hour's fired minutes in one delete.
      // Each hour is a table of its own: dropped side by side.
      await Promise.all(
        [...new Set(buckets.map((bucket) => bucket.hourMs))].map((hourMs) =>
          hourMs + HOUR <= before ? deps.schedule.dropHour(hourMs) : deps.schedule.removeBefore(hourMs, before),
        ),
      );
    }
    if (report.pending === 0) settledBefore = before;
    if (report.fired > 0 || report.pending > 0) deps.logger.info(report, 'tick fired stages');
    return report;
  }
}

/** The alerts due lines raise: per alert id the latest revision's line, unless a withdrawal of a later revision silences it. */
export function dueAlerts(entries: readonly ScheduleEntry[], now: Date): { alerts: ControlAlert[]; skipped: number } {
  const latest = new Map<string, { rev: number; alert: PlannedAlert }>();
  const withdrawnAt = new Map<string, number>();
  for (const entry of entries) {
    if ('withdrawn' in entry) withdrawnAt.set(entry.alertId, Math.max(entry.rev, withdrawnAt.get(entry.alertId) ?? 0));
    else if ((latest.get(entry.alertId)?.rev ?? 0) < entry.rev) latest.set(entry.alertId, { rev: entry.rev, alert: entry.alert });
  }
  const alerts: ControlAlert[] = [];
  for (const [alertId, line] of latest) {
    if ((withdrawnAt.get(alertId) ?? 0) > line.rev) continue;
    alerts.push({ ...line.alert, raisedAt: now.toISOString() });
  }
  return { alerts, skipped: latest.size - alerts.length };
}

