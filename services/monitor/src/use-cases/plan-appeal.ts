import { diffPlans, planAppealStages, type AppealClocks, type PlannedStage } from '@priemnaya/deadlines';
import type { AppealClockDocument, AppealClockStore } from '../data-access/appeal-clock-store.js';
import type { ScheduleEntry, ScheduleStore } from '../data-access/schedule-store.js';
import type { Clock } from '../domain/clock.js';
import { bucketFor, bucketStart, firstOpenBucket } from '../domain/schedule-buckets.js';
import { plannedStageAlert, policyOfStage } from '../domain/stage-alert.js';
import type { DeadlineRules } from './deadline-rules.js';

export interface PlanningDeps {
  clocks: AppealClockStore;
  schedule: ScheduleStore;
  rules: DeadlineRules;
  clock: Clock;
  /** The ticks' grace after a minute ends (fire-due-stages): a write that lands later may have missed its tick. */
  graceMs: number;
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

/** The lines a revision of an appeal puts into the timing wheel, by the minute they go into. */
export function scheduleLines(input: {
  state: AppealClocks;
  rev: number;
  registrationNumber: string | undefined;
  planned: PlannedStage[];
  withdrawn: PlannedStage[];
  nowMs: number;
}): Map<number, ScheduleEntry[]> {
  const byBucket = new Map<number, ScheduleEntry[]>();
  const put = (fireAt: string, entry: ScheduleEntry) => {
    const bucket = bucketFor(fireAt, input.nowMs);
    const entries = byBucket.get(bucket) ?? [];
    entries.push(entry);
    byBucket.set(bucket, entries);
  };
  for (const stage of input.planned) {
    const alert = plannedStageAlert(stage, { policyId: policyOfStage(input.state, stage), registrationNumber: input.registrationNumber });
    put(stage.fireAt, { alertId: stage.alertId, appealId: stage.appealId, rev: input.rev, alert });
  }
  for (const stage of input.withdrawn) put(stage.fireAt, { alertId: stage.alertId, appealId: stage.appealId, rev: input.rev, withdrawn: true });
  return byBucket;
}

/**
 * Puts a revision's stages (and withdrawals) into the timing wheel (idempotent: `$addToSet` of
 * identical lines). A write that lands after its minute closed (the database was slow or away
 * while it was in flight) may have come after a tick read that minute and before the tick deleted
 * it, so its lines are written again into a minute still open, until one write lands in time;
 * a line fired twice is one alert, the claim ledger dedupes it by alert id.
 */
export async function scheduleStages(deps: PlanningDeps, input: Omit<Parameters<typeof scheduleLines>[0], 'nowMs'>): Promise<void> {
  let pending = scheduleLines({ ...input, nowMs: deps.clock.now().getTime() });
  while (pending.size > 0) {
    const late: ScheduleEntry[] = [];
    for (const [bucket, entries] of pending) {
      await deps.schedule.add(bucket, entries);
      if (bucket < firstOpenBucket(deps.clock.now().getTime(), deps.graceMs)) late.push(...entries);
    }
    pending = new Map(late.length === 0 ? [] : [[bucketStart(deps.clock.now().getTime()), late]]);
  }
}

/**
 * Writes a known appeal's new clocks. New and moved stages are scheduled at the new revision, and
 * withdrawn or moved-away ones get a withdrawal in the minute they were planned for, before the
 * appeal is written: if the process dies between the two, the event is redelivered (its offset
 * was not committed), finds the appeal unchanged and writes the same lines again.
 */
export async function writePlanned(deps: PlanningDeps, known: AppealClockDocument, state: AppealClocks, registrationNumber: string | undefined): Promise<void> {
  const plan = planOf(deps, state);
  const change = diffPlans(known.plan, plan);
  const rev = known.rev + 1;
  const number = known.registrationNumber ?? registrationNumber;
  // A stage at the same time may still say something new (the unit once routed, the policy, a
  // registration number learnt late): its line is written again at the new revision.
  const said = (from: AppealClocks, stage: PlannedStage, registration: string | undefined) =>
    JSON.stringify(plannedStageAlert(stage, { policyId: policyOfStage(from, stage), registrationNumber: registration }));
  const before = new Map(known.plan.map((stage) => [stage.alertId, stage] as const));
  const restated = change.unchanged.filter((stage) => {
    const old = before.get(stage.alertId);
    return old === undefined || said(known.state, old, known.registrationNumber) !== said(state, stage, number);
  });
  await scheduleStages(deps, {
    state,
    rev,
    registrationNumber: number,
    planned: [...change.added, ...change.moved.map((moved) => moved.after), ...restated],
    withdrawn: [...change.withdrawn, ...change.moved.map((moved) => moved.before), ...restated],
  });
  await deps.clocks.replace(documentOf(state, plan, rev, number, deps.clock.now()), known.rev);
}
