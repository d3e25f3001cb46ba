import type { DeadlineStageAlert } from '@priemnaya/contracts';
import type { AppealClocks, PlannedStage } from '@priemnaya/deadlines';

/** A stage's alert as planned, before it is raised: ids, numbers, unit, stage and times, never personal data. */
export function plannedStageAlert(stage: PlannedStage, facts: { policyId: string; registrationNumber?: string | undefined }): Omit<DeadlineStageAlert, 'raisedAt'> {
  const alert: Omit<DeadlineStageAlert, 'raisedAt'> = {
    version: 1,
    type: 'deadline-stage',
    alertId: stage.alertId,
    appealId: stage.appealId,
    clockId: stage.clockId,
    clockKind: stage.clockKind,
    policyId: facts.policyId,
    stageId: stage.stageId,
    trigger: stage.trigger.type,
    thresholdAt: stage.thresholdAt,
    fireAt: stage.fireAt,
    dueAt: stage.dueAt,
    recipients: stage.recipients,
  };
  if (stage.unit !== undefined) alert.unit = stage.unit;
  if (facts.registrationNumber !== undefined) alert.registrationNumber = facts.registrationNumber;
  return alert;
}

/** The alert a planned stage raises at `raisedAt`. */
export function stageAlert(stage: PlannedStage, facts: { policyId: string; registrationNumber?: string | undefined }, raisedAt: Date): DeadlineStageAlert {
  return { ...plannedStageAlert(stage, facts), raisedAt: raisedAt.toISOString() };
}

/** The policy a stage's clock runs under. */
export function policyOfStage(state: AppealClocks, stage: PlannedStage): string {
  return state.clocks.find((clock) => clock.clockId === stage.clockId)?.policyId ?? state.policyId ?? 'unknown';
}
