import { diffPlans, planAppealStages, type AppealClocks, type PlannedStage } from '@priemnaya/deadlines';
import type { AppealClockDocument, AppealClockStore } from '../data-access/appeal-clock-store.js';
import type { ScheduleStore } from '../data-access/schedule-store.js';
import type { Clock } from '../domain/clock.js';
import { bucketFor } from '../domain/schedule-buckets.js';
import type { DeadlineRules } from './deadline-rules.js';

export interface PlanningDeps {
  clocks: AppealClockStore;
  schedule: ScheduleStore;
  rules: DeadlineRules;
  clock: Clock;
}

export function documentOf(state: AppealClocks, plan: PlannedStage[], rev: number, registrationNumber: string | undefined, now: Date): AppealClockDocument {
  const running = state.clocks.filter((clock) => clock.status === 'running');
  const document: AppealClockDocument = {
    _id: state.appealId,
    rev,
    state,
    plan,
    open: running.length > 0,
    units: [...new Set(running.flatMap((clock) => (clock.unit === undefined ? [] : [clock.unit])))],
    updatedAt: now.toISOString(),
  };
  if (registrationNumber !== undefined) document.registrationNumber = registrationNumber;
  return document;
}

export function planOf(deps: PlanningDeps, state: AppealClocks): PlannedStage[] {
  const { policies, calendar } = deps.rules.current();
  return planAppealStages(state.clocks, policies, calendar);
}

/** Puts stages into the timing wheel by the minute they fire in (idempotent: `$addToSet`). */
export async function scheduleStages(deps: PlanningDeps, stages: PlannedStage[]): Promise<void> {
  const now = deps.clock.now().getTime();
  const byBucket = new Map<number, { alertId: string; appealId: string }[]>();
  for (const stage of stages) {
    const bucket = bucketFor(stage.fireAt, now);
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), { alertId: stage.alertId, appealId: stage.appealId }]);
  }
  for (const [bucket, entries] of byBucket) await deps.schedule.add(bucket, entries);
}

/**
 * Writes a known appeal's new clocks. The new and moved stages are scheduled before the appeal
 * is written: if the process dies between the two, the event is redelivered (its offset was not
 * committed), finds the appeal unchanged and schedules again. Withdrawn stages need no write:
 * the tick fires an entry only if the appeal's current plan still holds it, due.
 */
export async function writePlanned(deps: PlanningDeps, known: AppealClockDocument, state: AppealClocks, registrationNumber: string | undefined): Promise<void> {
  const plan = planOf(deps, state);
  const change = diffPlans(known.plan, plan);
  await scheduleStages(deps, [...change.added, ...change.moved.map((moved) => moved.after)]);
  await deps.clocks.replace(documentOf(state, plan, known.rev + 1, known.registrationNumber ?? registrationNumber, deps.clock.now()), known.rev);
}
