import { z } from 'zod';
import { Timestamp } from './timestamp.js';
import { AppealId, AttachmentRef, Channel } from './appeal.js';
import { RegistrationNumber } from './registration-number.js';
import { RoutingReason } from './routing.js';
import { RoutingTopic, UnitCode } from './routing-topics.js';
import { ComplaintAbout, LawKind, LawKindDecider, LawKindSuggestion } from './law-kind.js';

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
  /** The kind the text suggests (59-FZ ст. 4), when intake did not say; a person confirms it. */
  lawKindSuggestion: LawKindSuggestion.optional(),
});
export type AppealRouted = z.infer<typeof AppealRouted>;

export const AppealTriageRequested = z.strictObject({
  ...EventBase,
  type: z.literal('appeal.triaged'),
  channel: Channel,
  receivedAt: Timestamp,
  reason: RoutingReason,
  lawKindSuggestion: LawKindSuggestion.optional(),
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
  /** The body's unit code when the city's reference data knows it, so a complaint's addressee is recognised (ст. 8 ч. 6). */
  unit: UnitCode.optional(),
});
export type OutsideAuthority = z.infer<typeof OutsideAuthority>;

/**
 * The most days one extension event may state (59-FZ art. 12 part 2 allows 30). Only a bound
 * on the field: whether an appeal may be extended, and by how much, is its deadline policy's
 * extension rule (`decideExtension` in @priemnaya/deadlines).
 */
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
  /**
   * The answer term's new last day (`YYYY-MM-DD`, city calendar) by the policy's extension rule,
   * so the citizen's notice and the clocks give one date; absent on events from before it.
   */
  newDueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD').optional(),
  /** The rule the term was extended under, e.g. «59-ФЗ ст. 12 ч. 2». */
  basis: z.string().trim().min(1).max(300).optional(),
});
export type AppealExtensionApproved = z.infer<typeof AppealExtensionApproved>;

export const AppealExtensionRefused = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.extension-refused'),
  requestId: z.uuid(),
  why: Why,
});
export type AppealExtensionRefused = z.infer<typeof AppealExtensionRefused>;

/**
 * Where a forwarding goes and how much of the appeal. Both optional so older messages parse:
 * absent `authorities` means `[authority]`, absent `partial` means the whole appeal.
 */
const ForwardingScope = {
  /** Every body a copy goes to (59-FZ ст. 8 ч. 4), `authority` first. */
  authorities: z.array(OutsideAuthority).min(1).max(10).optional(),
  /** Only some questions are forwarded; the rest is answered here and its answer clock runs on. */
  partial: z.boolean().optional(),
};

/** Every body a forwarding goes to, for events with or without `authorities`. */
export function forwardedAuthorities(event: { authority: OutsideAuthority; authorities?: OutsideAuthority[] | undefined }): OutsideAuthority[] {
  return event.authorities ?? [event.authority];
}

/** The question is another authority's: forwarding starts, a step with its own 7-day deadline. */
export const AppealForwardingStarted = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.forwarding-started'),
  authority: OutsideAuthority,
  ...ForwardingScope,
  why: Why,
});
export type AppealForwardingStarted = z.infer<typeof AppealForwardingStarted>;

/** The appeal was sent to the other authority; the citizen is told where. */
export const AppealForwarded = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.forwarded'),
  authority: OutsideAuthority,
  ...ForwardingScope,
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

/**
 * The parts of 59-FZ art. 11 under which an appeal is left without an answer on the merits
 * (part 2 returns the appeal instead, so it is not one of them).
 */
export const LeftWithoutAnswerPart = z.enum(['1', '3', '4', '4.1', '5', '5.1', '6']);
export type LeftWithoutAnswerPart = z.infer<typeof LeftWithoutAnswerPart>;

/** Nothing more is done on the appeal. */
export const AppealClosed = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.closed'),
  outcome: z.enum(['answered', 'forwarded', 'left-without-answer', 'withdrawn']),
  why: Why.optional(),
  /** For `left-without-answer`: the part of art. 11 it rests on; absent on events from before it was recorded. */
  article11Part: LeftWithoutAnswerPart.optional(),
});
export type AppealClosed = z.infer<typeof AppealClosed>;

/**
 * The head's decision that a repeated appeal is groundless and the correspondence with the
 * citizen on the question ends (59-FZ art. 11 part 5); the appeal's closing follows it.
 */
export const AppealCorrespondenceEnded = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.correspondence-ended'),
  /** The role `by` decided in: the law gives the decision to the head or an official so empowered. */
  decidedAs: z.enum(['head', 'supervisor']),
  /** The same citizen's earlier appeals on the question, each already answered on the merits. */
  earlierAppealIds: z.array(AppealId).min(2, 'must name at least two earlier appeals answered on the merits').max(20),
  why: Why,
});
export type AppealCorrespondenceEnded = z.infer<typeof AppealCorrespondenceEnded>;

/**
 * A person (or, as a suggestion, the classifier) decided the appeal's kind in the law's sense
 * (59-FZ ст. 4) and, for a complaint, whom it contests. The latest decision stands.
 */
export const AppealLawKindDecided = z.strictObject({
  ...EventBase,
  type: z.literal('appeal.law-kind-decided'),
  channel: Channel,
  receivedAt: Timestamp,
  lawKind: LawKind,
  decidedBy: LawKindDecider,
  complaintAbout: ComplaintAbout.optional(),
  /** The unit the person acted for, when an executor decided. */
  unit: UnitCode.optional(),
});
export type AppealLawKindDecided = z.infer<typeof AppealLawKindDecided>;

/**
 * The appeal goes back to the citizen with the explanation, and nothing more is done on it: a
 * complaint that only its own addressee could consider (59-FZ ст. 8 ч. 7, after ч. 6).
 */
export const AppealReturnedToCitizen = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.returned-to-citizen'),
  reason: z.enum(['complaint-against-addressee']),
  /** The article the return rests on, for the card and the notice. */
  basis: z.string().min(1).max(100),
  why: Why.optional(),
});
export type AppealReturnedToCitizen = z.infer<typeof AppealReturnedToCitizen>;

/**
 * A label on an appeal that deadline policies can match (`PolicyMatch.tags`), e.g. `migration-law`
 * for the 20-day term of 59-FZ ст. 12 ч. 1.1. Lower-case so a policy and an executor spell it alike.
 */
export const AppealTag = z
  .string()
  .regex(/^[a-z0-9-]{2,40}$/, 'must be 2-40 lower-case latin letters, digits or dashes');
export type AppealTag = z.infer<typeof AppealTag>;

/** The appeal's tags were changed; `tags` is the whole set after the change (empty clears it). */
export const AppealTagsSet = z.strictObject({
  ...WorkBase,
  type: z.literal('appeal.tags-set'),
  tags: z.array(AppealTag).max(20),
  why: Why.optional(),
});
export type AppealTagsSet = z.infer<typeof AppealTagsSet>;

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
  'appeal.returned-to-citizen',
  'appeal.correspondence-ended',
  'appeal.tags-set',
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
  AppealCorrespondenceEnded,
  AppealLawKindDecided,
  AppealReturnedToCitizen,
  AppealTagsSet,
]);
export type AppealEvent = z.infer<typeof AppealEvent>;
export type AppealEventType = AppealEvent['type'];
