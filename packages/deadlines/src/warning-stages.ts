import type { Clock } from './appeal-clocks.js';
import { stableAlertId } from './alert-id.js';
import { addMilliseconds, instantAt, localDateOf } from './city-time.js';
import { stagesFor, type DeadlinePolicy, type Recipient, type StageTrigger, type WarningStage } from './deadline-policy.js';
import type { ProductionCalendar } from './production-calendar.js';
import { addWorkingDays, onOrPreviousWorkingDay } from './working-days.js';
import { nextWorkingMoment } from './working-hours.js';

/** One warning the monitor must raise at `fireAt`, unless the clock stops first. */
export interface PlannedStage {
  alertId: string;
  appealId: string;
  clockId: string;
  clockKind: Clock['kind'];
  stageId: string;
  trigger: StageTrigger;
  /** When to raise it, after any wait for working hours. */
  fireAt: string;
  /** When the threshold itself is crossed, before any wait. */
  thresholdAt: string;
  dueAt: string;
  recipients: Recipient[];
  waitsForWorkingHours: boolean;
  unit?: string;
}

/**
 * The stages a clock will raise, earliest first. A stopped clock raises none. A stage whose
 * threshold had passed before the clock started is left out (a 2-day clock cannot warn "3 days
 * left"), and so is a warning that would only reach people after the deadline: the overdue
 * stage speaks then.
 */
export function planStages(clock: Clock, policy: DeadlinePolicy, calendar: ProductionCalendar): PlannedStage[] {
  if (clock.status !== 'running') return [];
  const planned: PlannedStage[] = [];
  for (const stage of stagesFor(policy, clock.kind)) {
    const thresholdAt = thresholdOf(stage, clock, calendar);
    if (thresholdAt === undefined || Date.parse(thresholdAt) < Date.parse(clock.startedAt)) continue;
    const fireAt = stage.waitsForWorkingHours ? nextWorkingMoment(calendar, thresholdAt) : thresholdAt;
    if (stage.trigger.type !== 'overdue' && Date.parse(fireAt) >= Date.parse(clock.dueAt)) continue;
    planned.push(plannedStage(clock, stage, thresholdAt, fireAt));
  }
  return planned.sort((a, b) => Date.parse(a.fireAt) - Date.parse(b.fireAt) || (a.stageId < b.stageId ? -1 : 1));
}

/** The stages of every clock of an appeal, each clock under the policy it was started with. */
export function planAppealStages(
  clocks: readonly Clock[],
  policies: { policies: readonly DeadlinePolicy[] },
  calendar: ProductionCalendar,
): PlannedStage[] {
  return clocks
    .flatMap((clock) => {
      const policy = policies.policies.find((candidate) => candidate.id === clock.policyId);
      return policy === undefined ? [] : planStages(clock, policy, calendar);
    })
    .sort((a, b) => Date.parse(a.fireAt) - Date.parse(b.fireAt) || (a.alertId < b.alertId ? -1 : 1));
}

function thresholdOf(stage: WarningStage, clock: Clock, calendar: ProductionCalendar): string | undefined {
  const trigger = stage.trigger;
  switch (trigger.type) {
    case 'overdue':
      return clock.dueAt;
    case 'time-used': {
      const start = Date.parse(clock.startedAt);
      const length = Date.parse(clock.dueAt) - start;
      return length <= 0 ? undefined : addMilliseconds(clock.startedAt, Math.floor(length * trigger.fraction));
    }
    case 'working-days-left': {
      // The morning from which `days` working days remain, that day included.
      const lastWorkingDay = onOrPreviousWorkingDay(calendar, clock.dueDate);
      const day = addWorkingDays(calendar, lastWorkingDay, -(trigger.days - 1));
      return instantAt(day, calendar.workdayStart, calendar.zone);
    }
  }
}

function plannedStage(clock: Clock, stage: WarningStage, thresholdAt: string, fireAt: string): PlannedStage {
  const planned: PlannedStage = {
    alertId: stableAlertId(clock.appealId, clock.clockId, stage.id),
    appealId: clock.appealId,
    clockId: clock.clockId,
    clockKind: clock.kind,
    stageId: stage.id,
    trigger: stage.trigger,
    fireAt,
    thresholdAt,
    dueAt: clock.dueAt,
    recipients: stage.recipients,
    waitsForWorkingHours: stage.waitsForWorkingHours,
  };
  if (clock.unit !== undefined) planned.unit = clock.unit;
  return planned;
}

/** What a re-plan changes for the monitor: new stages, moved ones, and those to withdraw unfired. */
export interface PlanChange {
  added: PlannedStage[];
  moved: { before: PlannedStage; after: PlannedStage }[];
  unchanged: PlannedStage[];
  withdrawn: PlannedStage[];
}

/** Compares two plans by alert id (after a policy or calendar change, or a lifecycle event). */
export function diffPlans(before: readonly PlannedStage[], after: readonly PlannedStage[]): PlanChange {
  const previous = new Map(before.map((stage) => [stage.alertId, stage] as const));
  const next = new Set(after.map((stage) => stage.alertId));
  const change: PlanChange = { added: [], moved: [], unchanged: [], withdrawn: [] };
  for (const stage of after) {
    const old = previous.get(stage.alertId);
    if (old === undefined) change.added.push(stage);
    else if (old.fireAt !== stage.fireAt || old.dueAt !== stage.dueAt) change.moved.push({ before: old, after: stage });
    else change.unchanged.push(stage);
  }
  change.withdrawn = before.filter((stage) => !next.has(stage.alertId));
  return change;
}

/** The earliest stage not yet fired: what the monitor indexes as the clock's next firing time. */
export function nextStage(plan: readonly PlannedStage[], fired: ReadonlySet<string>): PlannedStage | undefined {
  return plan.find((stage) => !fired.has(stage.alertId));
}

/** The city date a stage fires on, for digests and display. */
export function fireDate(stage: PlannedStage, calendar: ProductionCalendar): string {
  return localDateOf(stage.fireAt, calendar.zone);
}
