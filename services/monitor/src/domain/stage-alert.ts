import type { DeadlineStageAlert } from '@priemnaya/contracts';
import type { PlannedStage } from '@priemnaya/deadlines';

/** The alert a planned stage raises: ids, numbers, unit, stage and times, never personal data. */
export function stageAlert(stage: PlannedStage, facts: { policyId: string; registrationNumber?: string | undefined }, raisedAt: Date): DeadlineStageAlert {
  const alert: DeadlineStageAlert = {
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
    raisedAt: raisedAt.toISOString(),
    recipients: stage.recipients,
  };
  if (stage.unit !== undefined) alert.unit = stage.unit;
  if (facts.registrationNumber !== undefined) alert.registrationNumber = facts.registrationNumber;
  return alert;
}
