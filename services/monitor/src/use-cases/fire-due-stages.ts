import type { ControlAlert } from '@priemnaya/contracts';
import type { Logger } from 'pino';
import type { AppealClockDocument, AppealClockStore } from '../data-access/appeal-clock-store.js';
import type { ScheduleStore } from '../data-access/schedule-store.js';
import type { Clock } from '../domain/clock.js';
import { firstOpenBucket } from '../domain/schedule-buckets.js';
import { stageAlert } from '../domain/stage-alert.js';
import type { RaiseAlerts } from './raise-alerts.js';

export type { TickFaults } from './raise-alerts.js';

export interface TickDeps {
  clocks: AppealClockStore;
  schedule: ScheduleStore;
  raise: RaiseAlerts;
  clock: Clock;
  graceMs: number;
  logger: Logger;
}

export interface TickReport {
  buckets: number;
  fired: number;
  /** Entries whose stage was withdrawn or moved later. */
  skipped: number;
  /** Claimed by another live monitor and not produced yet; their bucket is kept. */
  pending: number;
}

/**
 * One tick: the buckets whose minute is over, and only those (their number follows what is due,
 * not what is open). Each entry is checked against its appeal's current plan, claimed by a unique
 * insert of its alert id, produced (idempotent producer, all in-sync replicas), and marked
 * produced. A bucket is deleted only when every entry is settled, so a crash anywhere in a tick
 * leaves the bucket to the next tick, which finds the claims and produces only what was not
 * marked. Ticks never overlap.
 */
export function createFireDueStages(deps: TickDeps) {
  let running: Promise<TickReport> | undefined;
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
    const report: TickReport = { buckets: 0, fired: 0, skipped: 0, pending: 0 };
    const buckets = await deps.schedule.due(firstOpenBucket(now.getTime(), deps.graceMs));
    const appeals = new Map<string, AppealClockDocument | null>();
    for (const bucket of buckets) {
      report.buckets += 1;
      const due = new Map<string, ControlAlert>();
      for (const entry of bucket.entries) {
        if (!appeals.has(entry.appealId)) appeals.set(entry.appealId, await deps.clocks.get(entry.appealId));
        const appeal = appeals.get(entry.appealId) ?? null;
        const alert = appeal === null ? undefined : dueAlert(appeal, entry.alertId, now);
        if (alert === undefined) report.skipped += 1;
        else due.set(alert.alertId, alert);
      }
      const { fired, pending } = await deps.raise([...due.values()], now);
      report.fired += fired;
      report.pending += pending;
      if (pending === 0) await deps.schedule.remove(bucket._id);
    }
    if (report.fired > 0 || report.pending > 0) deps.logger.info(report, 'tick fired stages');
    return report;
  }
}

/** The alert of a scheduled stage if the appeal's current plan still holds it and it is due. */
function dueAlert(appeal: AppealClockDocument, alertId: string, now: Date): ControlAlert | undefined {
  const stage = appeal.plan.find((planned) => planned.alertId === alertId);
  if (stage === undefined || Date.parse(stage.fireAt) > now.getTime()) return undefined;
  const policyId = appeal.state.clocks.find((clock) => clock.clockId === stage.clockId)?.policyId ?? appeal.state.policyId ?? 'unknown';
  return stageAlert(stage, { policyId, registrationNumber: appeal.registrationNumber }, now);
}
