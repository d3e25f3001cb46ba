import { z } from 'zod';
import { Timestamp } from './timestamp.js';
import { AppealId } from './appeal.js';
import { RegistrationNumber } from './registration-number.js';
import { UnitCode } from './routing-topics.js';

/** Who a stage is for, in escalation order; the same values as the deadline policies' recipients. */
export const AlertRecipient = z.enum(['executor', 'supervisor', 'head']);
export type AlertRecipient = z.infer<typeof AlertRecipient>;

export const AlertClockKind = z.enum(['registration', 'forwarding', 'answer', 'extended-answer', 'co-executor', 'notice']);
export type AlertClockKind = z.infer<typeof AlertClockKind>;

const AlertBase = {
  version: z.literal(1),
  /**
   * Stable for ever (a UUID v5 of appeal, clock and stage): the monitor may produce an alert
   * twice after a crash between producing and recording it, so every consumer dedupes by it.
   */
  alertId: z.uuid(),
  appealId: AppealId,
  registrationNumber: RegistrationNumber.optional(),
  clockId: z.string().min(1).max(100),
  clockKind: AlertClockKind,
  /** The unit that must act; absent while the appeal is not routed yet. */
  unit: UnitCode.optional(),
  dueAt: Timestamp,
  raisedAt: Timestamp,
  recipients: z.array(AlertRecipient).min(1),
};

/**
 * A warning stage of a legal clock crossed its threshold (`time-used`, `working-days-left`) or
 * the deadline passed (`overdue`). Ids, numbers and times only: never names or texts.
 */
export const DeadlineStageAlert = z.strictObject({
  ...AlertBase,
  type: z.literal('deadline-stage'),
  policyId: z.string().min(1).max(60),
  stageId: z.string().min(1).max(40),
  trigger: z.enum(['time-used', 'working-days-left', 'overdue']),
  thresholdAt: Timestamp,
  fireAt: Timestamp,
});
export type DeadlineStageAlert = z.infer<typeof DeadlineStageAlert>;

/** The forecast says the appeal will likely be answered late at its unit's present backlog and pace. */
export const AtRiskAlert = z.strictObject({
  ...AlertBase,
  type: z.literal('at-risk'),
  reason: z.strictObject({
    /** Open answer clocks of the unit due no later than this one, this one included. */
    backlogAhead: z.number().int().nonnegative(),
    /** Answers per working day over the recent window. */
    pacePerWorkingDay: z.number().nonnegative(),
    workingDaysLeft: z.number().int(),
    /** Working days the backlog ahead would take at that pace. */
    workingDaysNeeded: z.number().nonnegative(),
  }),
});
export type AtRiskAlert = z.infer<typeof AtRiskAlert>;

/** Payload of `control.alerts`, keyed by appeal id. */
export const ControlAlert = z.discriminatedUnion('type', [DeadlineStageAlert, AtRiskAlert]);
export type ControlAlert = z.infer<typeof ControlAlert>;
