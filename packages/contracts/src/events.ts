import { z } from 'zod';
import { Timestamp } from './timestamp.js';
import { AppealId, AttachmentRef, Channel } from './appeal.js';
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

/** A staff member's id as the staff token names it. */
export const StaffId = z.string().min(1).max(100);
export type StaffId = z.infer<typeof StaffId>;

/** Why a person did something: staff words for the record, never the citizen's. */
const Why = z.string().trim().min(1, 'must not be empty').max(2000);

/**
 * What every executor's action carries: who did it, on behalf of which unit, and the appeal's
 * facts copied from the task, so each reader can apply any event alone.
 */
const WorkBase = {
  ...EventBase,
  channel: Channel,
  receivedAt: Timestamp,
  /** The staff id of the person who acted. */
  by: StaffId,
  /** The unit the person acted for: the lead unit, or a co-executor unit for its own part. */
  unit: UnitCode,
};

/** The answer to the citizen (or a co-executor's part of it). */
export const AppealAnswer = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(20_000),
  /** Answered on the merits (по существу), or only explained why it cannot be (art. 11). */
  inSubstance: z.boolean(),
  attachments: z.array(AttachmentRef).max(20),
});
export type AppealAnswer = z.infer<typeof AppealAnswer>;

/** Another authority an appeal is forwarded to (59-FZ art. 8 part 3). */
export const OutsideAuthority = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(300),
  /** Postal or e-mail address of its office, for the covering letter. */
  address: z.string().trim().min(1, 'must not be empty').max(500).optional(),
});
export type OutsideAuthority = z.infer<typeof OutsideAuthority>;

/** The most an answer deadline is extended, in calendar days, over all approvals (art. 12 part 2). */
export const MAX_EXTENSION_DAYS = 30;

/** The task was given to a named executor of the unit: by name, automatically to the least loaded, or moved by a supervisor. */
export const AppealAssigned = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.assigned'),
  executorId: StaffId,
  mode: z.enum(['named', 'least-loaded', 'reassigned']),
  previousExecutorId: StaffId.optional(),
  why: Why.optional(),
});
export type AppealAssigned = z.infer<typeof AppealAssigned>;

/** The executor took the task into work. */
export const AppealAccepted = z.strictObject({ ...WorkBase, type: z.literal('appeal.accepted') });
export type AppealAccepted = z.infer<typeof AppealAccepted>;

/** The lead unit's consolidated answer to the citizen; it stops the answer clock. */
export const AppealAnswered = z.strictObject({ ...WorkBase, type: z.literal('appeal.answered'), answer: AppealAnswer });
export type AppealAnswered = z.infer<typeof AppealAnswered>;

/** A co-executor unit's part of the answer, for the lead unit to consolidate. */
export const AppealCoExecutorAnswered = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.co-executor-answered'),
  leadUnit: UnitCode,
  answer: AppealAnswer,
});
export type AppealCoExecutorAnswered = z.infer<typeof AppealCoExecutorAnswered>;

/** The lead unit asks the head for more time, with its justification. */
export const AppealExtensionRequested = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.extension-requested'),
  requestId: z.uuid(),
  days: z.number().int().min(1).max(MAX_EXTENSION_DAYS),
  justification: Why,
});
export type AppealExtensionRequested = z.infer<typeof AppealExtensionRequested>;

/** A supervisor approved an extension: the answer clock runs `days` more calendar days; the citizen is told. */
export const AppealExtensionApproved = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.extension-approved'),
  requestId: z.uuid(),
  days: z.number().int().min(1).max(MAX_EXTENSION_DAYS),
  why: Why,
});
export type AppealExtensionApproved = z.infer<typeof AppealExtensionApproved>;

export const AppealExtensionRefused = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.extension-refused'),
  requestId: z.uuid(),
  why: Why,
});
export type AppealExtensionRefused = z.infer<typeof AppealExtensionRefused>;

/** The question is another authority's: forwarding starts, a step with its own 7-day deadline. */
export const AppealForwardingStarted = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.forwarding-started'),
  authority: OutsideAuthority,
  why: Why,
});
export type AppealForwardingStarted = z.infer<typeof AppealForwardingStarted>;

/** The appeal was sent to the other authority; the citizen is told where. */
export const AppealForwarded = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.forwarded'),
  authority: OutsideAuthority,
  /** The outgoing letter's number, when the office gives one. */
  outgoingNumber: z.string().trim().min(1).max(100).optional(),
});
export type AppealForwarded = z.infer<typeof AppealForwarded>;

/** The lead unit (`unit`) brought in another unit for a part of the questions. */
export const AppealCoExecutorAdded = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.co-executor-added'),
  coExecutorUnit: UnitCode,
  why: Why,
});
export type AppealCoExecutorAdded = z.infer<typeof AppealCoExecutorAdded>;

/** Nothing more is done on the appeal. */
export const AppealClosed = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.closed'),
  outcome: z.enum(['answered', 'forwarded', 'left-without-answer', 'withdrawn']),
  why: Why.optional(),
});
export type AppealClosed = z.infer<typeof AppealClosed>;

/** The executors' actions on an appeal, each an event on `appeals.events`. */
export const WORK_EVENT_TYPES = [
  'appeal.assigned',
  'appeal.accepted',
  'appeal.answered',
  'appeal.co-executor-answered',
  'appeal.extension-requested',
  'appeal.extension-approved',
  'appeal.extension-refused',
  'appeal.forwarding-started',
  'appeal.forwarded',
  'appeal.co-executor-added',
  'appeal.closed',
] as const;

/** Payload of `appeals.events`: every lifecycle change of an appeal, from routing to closing. */
export const AppealEvent = z.discriminatedUnion('type', [
  AppealRouted,
  AppealTriageRequested,
  AppealTriageDecided,
  AppealHandedBack,
  AppealAssigned,
  AppealAccepted,
  AppealAnswered,
  AppealCoExecutorAnswered,
  AppealExtensionRequested,
  AppealExtensionApproved,
  AppealExtensionRefused,
  AppealForwardingStarted,
  AppealForwarded,
  AppealCoExecutorAdded,
  AppealClosed,
]);
export type AppealEvent = z.infer<typeof AppealEvent>;
export type AppealEventType = AppealEvent['type'];
