import { z } from 'zod';
import { Timestamp } from './timestamp.js';
import { AppealId, Channel } from './appeal.js';
import { RegistrationNumber } from './registration-number.js';
import { RoutingReason } from './routing.js';
import { RoutingTopic, UnitCode } from './routing-topics.js';

const EventBase = {
  version: z.literal(1),
  eventId: z.uuid(),
  appealId: AppealId,
  registrationNumber: RegistrationNumber,
  occurredAt: Timestamp,
};

export const AppealRouted = z.strictObject({
  ...EventBase,
  type: z.literal('appeal.routed'),
  channel: Channel,
  receivedAt: Timestamp,
  topic: RoutingTopic,
  unit: UnitCode,
  reason: RoutingReason,
});
export type AppealRouted = z.infer<typeof AppealRouted>;

export const AppealTriageRequested = z.strictObject({
  ...EventBase,
  type: z.literal('appeal.triaged'),
  channel: Channel,
  receivedAt: Timestamp,
  reason: RoutingReason,
});
export type AppealTriageRequested = z.infer<typeof AppealTriageRequested>;

/** A person took an appeal off the triage queue and decided its topic and unit; the task follows. */
export const AppealTriageDecided = z.strictObject({
  ...EventBase,
  type: z.literal('appeal.triage-decided'),
  channel: Channel,
  receivedAt: Timestamp,
  topic: RoutingTopic,
  unit: UnitCode,
  /** The staff id of the intake operator or supervisor who decided. */
  by: z.string().min(1).max(100),
  /** Their note on why, for the supervisor and the next model; staff words, never the citizen's. */
  why: z.string().max(2000).optional(),
});
export type AppealTriageDecided = z.infer<typeof AppealTriageDecided>;

/**
 * An executor's unit says the appeal is not its competence ("not our competence"), with the
 * reason and, when it knows, who should answer; the router re-routes it and learns from it.
 */
export const AppealHandedBack = z.strictObject({
  ...EventBase,
  type: z.literal('appeal.handed-back'),
  /** Copied from the task, like every event's facts, so each reader can apply any event alone. */
  channel: Channel,
  receivedAt: Timestamp,
  /** The executor's staff id. */
  by: z.string().min(1).max(100),
  /** The unit handing the appeal back. */
  unit: UnitCode,
  reason: z.string().trim().min(1, 'must not be empty').max(2000),
  suggestedUnit: UnitCode.optional(),
  suggestedTopic: RoutingTopic.optional(),
});
export type AppealHandedBack = z.infer<typeof AppealHandedBack>;

/** Payload of `appeals.events`: every lifecycle change of an appeal (routing so far; the executors' actions join it). */
export const AppealEvent = z.discriminatedUnion('type', [AppealRouted, AppealTriageRequested, AppealTriageDecided, AppealHandedBack]);
export type AppealEvent = z.infer<typeof AppealEvent>;
export type AppealEventType = AppealEvent['type'];
