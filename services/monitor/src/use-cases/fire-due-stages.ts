import { performance } from 'node:perf_hooks';
import type { ControlAlert } from '@priemnaya/contracts';
import type { Logger } from 'pino';
import type { DueBucket, PlannedAlert, ScheduleEntry, ScheduleStore } from '../data-access/schedule-store.js';
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
  /**
   * Runs the raising of a tick's due alerts, when there are any: the monitor gives it the process
   * first (its feed of those same alerts, read back from Kafka, waits until they are produced).
   */
  whileRaising?: <T>(raise: () => Promise<T>) => Promise<T>;
}

export interface TickReport {
  buckets: number;
  fired: number;
  /** Stages due whose lines a later withdrawal silenced (withdrawn, or moved away). */
  skipped: number;
  /** Claimed by another live monitor and not produced yet; their bucket is kept. */
  pending: number;
  /** Where the tick spent its time: reading the due lines, raising their alerts (claimed, on Kafka, marked). */
  timings: { readMs: number; raiseMs: number };
}

/**
 * One tick: the buckets whose minute is over, and only those (their number follows what is due,
 * not what is open). A tick reads the wheel only when a minute has closed since its last complete
 * read: a writer puts a stage already past into the current minute, and a write that lands only
 * after its minute closed (a slow database) is written again into an open one by the writer
 * (`scheduleStages`), so the ticks in between have nothing new to find. Each line carries its alert, so no appeal is
 * read; a line is fired unless a withdrawal of a later revision of its appeal silences it. Alerts
 * are raised through the claim ledger; the due buckets are deleted only when every line is
 * settled, after the tick has reported, so a crash anywhere leaves them to the next tick. Ticks
 * never overlap, nor does a tick overlap the deletion of the buckets the one before fired.
 */
export function createFireDueStages(deps: TickDeps) {
  let running: Promise<TickReport> | undefined;
  /**
   * Deleting the buckets a tick fired. It runs after the tick has reported (the alerts are on
   * Kafka by then), so it never delays an alert; the next tick waits for it before reading.
   */
  let housekeeping: Promise<void> = Promise.resolve();
  /** The first open bucket at the last tick that settled everything before it. */
  let settledBefore: number | undefined;
  return {
    tick(): Promise<TickReport> {
      running ??= housekeeping.then(run).finally(() => {
        running = undefined;
      });
      return running;
    },
    /** Resolves when the tick in flight, if any, and its housekeeping have ended (for shutdown). */
    async settled(): Promise<void> {
      await running?.catch(() => undefined);
      await housekeeping;
    },
  };

  async function run(): Promise<TickReport> {
    const now = deps.clock.now();
    const before = firstOpenBucket(now.getTime(), deps.graceMs);
    const report: TickReport = { buckets: 0, fired: 0, skipped: 0, pending: 0, timings: { readMs: 0, raiseMs: 0 } };
    if (settledBefore === before) return report;
    let mark = performance.now();
    const lap = () => {
      const at = performance.now();
      const ms = Math.round(at - mark);
      mark = at;
      return ms;
    };
    const buckets = await deps.schedule.due(before);
    report.timings.readMs = lap();
    report.buckets = buckets.length;
    // All due minutes at once: one claim, produce and mark per batch of alerts, not per minute.
    const { alerts, skipped } = dueAlerts(buckets.flatMap((bucket) => bucket.entries), now);
    report.skipped = skipped;
    const raiseDue = () => deps.raise(alerts, now);
    const { fired, pending } = alerts.length === 0 ? { fired: 0, pending: 0 } : await (deps.whileRaising?.(raiseDue) ?? raiseDue());
    report.fired = fired;
    report.pending = pending;
    report.timings.raiseMs = lap();
    if (pending === 0) {
      settledBefore = before;
      housekeeping = removeFired(buckets, before).catch((error: unknown) => {
        // The buckets stay; the next minute's tick reads them again and the ledger skips what was produced.
        settledBefore = undefined;
        deps.logger.warn({ err: error }, 'deleting fired buckets failed; the next tick reads them again');
      });
    }
    if (report.fired > 0 || report.pending > 0) deps.logger.info(report, 'tick fired stages');
    return report;
  }

  /** Every line is settled: hours whose minutes all closed go whole (each hour is a table of its own, dropped side by side), the current hour's fired minutes in one delete. */
  async function removeFired(buckets: readonly DueBucket[], before: number): Promise<void> {
    const started = performance.now();
    await Promise.all(
      [...new Set(buckets.map((bucket) => bucket.hourMs))].map((hourMs) =>
        hourMs + HOUR <= before ? deps.schedule.dropHour(hourMs) : deps.schedule.removeBefore(hourMs, before),
      ),
    );
    if (buckets.length > 0) deps.logger.debug({ buckets: buckets.length, ms: Math.round(performance.now() - started) }, 'fired buckets deleted');
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

