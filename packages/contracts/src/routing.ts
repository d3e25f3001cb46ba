import { z } from 'zod';
import { Timestamp } from './timestamp.js';
import { AppealId, AppealKind, Channel } from './appeal.js';
import { RegistrationNumber } from './registration-number.js';
import { RoutingTopic, UnitCode } from './routing-topics.js';
import { ComplaintAbout, LawKind } from './law-kind.js';

/** Why the router decided what it did, so a supervisor can see it. */
export const RoutingReason = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('keyword-rule'),
    ruleId: z.string(),
    matchedTerms: z.array(z.string()),
  }),
  z.strictObject({
    kind: z.literal('no-rule-matched'),
  }),
  z.strictObject({
    kind: z.literal('ambiguous'),
    candidates: z.array(RoutingTopic),
  }),
  z.strictObject({
    kind: z.literal('no-unit-for-topic'),
    topic: RoutingTopic,
  }),
  /** An administrator's rule that names a channel or a platform category (with or without keywords). */
  z.strictObject({
    kind: z.literal('explicit-rule'),
    ruleId: z.string(),
    matchedTerms: z.array(z.string()),
    channel: Channel.optional(),
    platformCategory: z.string().optional(),
  }),
  /** The trained classifier decided, above the confidence threshold. */
  z.strictObject({
    kind: z.literal('model'),
    modelVersion: z.string(),
    confidence: z.number().min(0).max(1),
    threshold: z.number().min(0).max(1),
    /** The terms that weighed most (stems; `~xyz` for a character n-gram), never the text itself. */
    topTerms: z.array(z.string()),
  }),
  /** The classifier was not sure enough: a person decides. */
  z.strictObject({
    kind: z.literal('below-threshold'),
    modelVersion: z.string(),
    topic: RoutingTopic,
    confidence: z.number().min(0).max(1),
    threshold: z.number().min(0).max(1),
    topTerms: z.array(z.string()),
    alternatives: z.array(z.strictObject({ topic: RoutingTopic, confidence: z.number().min(0).max(1) })),
  }),
  /** An administrator's rule and a confident classifier named different topics: a person decides. */
  z.strictObject({
    kind: z.literal('rule-model-disagreement'),
    ruleId: z.string(),
    ruleTopic: RoutingTopic,
    modelVersion: z.string(),
    modelTopic: RoutingTopic,
    confidence: z.number().min(0).max(1),
  }),
  /**
   * The classifier was confident, but its topic is suspended: the live precision of the router's
   * own auto-routing of that topic fell below the target, so a person decides until it recovers.
   */
  z.strictObject({
    kind: z.literal('precision-guard'),
    modelVersion: z.string(),
    topic: RoutingTopic,
    confidence: z.number().min(0).max(1),
    threshold: z.number().min(0).max(1),
    topTerms: z.array(z.string()),
    /** The topic's measured precision (share of settled auto-routed outcomes that were right) over `outcomes`. */
    precision: z.number().min(0).max(1),
    outcomes: z.number().int().nonnegative(),
    /** The precision the topic must reach again. */
    target: z.number().min(0).max(1),
    suspendedAt: Timestamp,
  }),
  /** The text cannot be routed by its words (empty, markup only, no letters, another language, too long). */
  z.strictObject({
    kind: z.literal('unroutable-text'),
    problem: z.enum(['empty', 'markup-only', 'no-letters', 'not-russian', 'too-long', 'no-known-terms']),
  }),
  /** An intake operator or supervisor decided the topic and unit from the triage queue. */
  z.strictObject({
    kind: z.literal('triage-decision'),
    decidedBy: z.string(),
  }),
  /** An executor's unit handed the appeal back as not its competence. */
  z.strictObject({
    kind: z.literal('hand-back'),
    handedBackBy: z.string(),
    fromUnit: UnitCode,
  }),
  /**
   * A complaint would have gone to the unit it contests (59-FZ ст. 8 ч. 6): a person decides where
   * else, or returns it to the citizen (ч. 7).
   */
  z.strictObject({
    kind: z.literal('complaint-addressee'),
    unit: UnitCode,
    /** What had chosen that unit: the router's own decision, or an executor's hand-back suggestion. */
    from: z.enum(['routing', 'hand-back']),
  }),
]);
export type RoutingReason = z.infer<typeof RoutingReason>;

/** Payload of `tasks.<unit>`: one unit's work item, with what the executor needs to answer. */
export const TaskAssigned = z.strictObject({
  version: z.literal(1),
  appealId: AppealId,
  registrationNumber: RegistrationNumber,
  unit: UnitCode,
  topic: RoutingTopic,
  receivedAt: Timestamp,
  routedAt: Timestamp,
  /** Where the appeal came from; optional because tasks produced before it was added lack it. */
  channel: Channel.optional(),
  /** Platform message or appeal: with the channel and topic it chooses the deadline policy; absent on older tasks. */
  kind: AppealKind.optional(),
  text: z.string(),
  reason: RoutingReason,
  /** 59-FZ ст. 4, as known when routed; absent means undecided. */
  lawKind: LawKind.optional(),
  complaintAbout: ComplaintAbout.optional(),
});
export type TaskAssigned = z.infer<typeof TaskAssigned>;

/** Payload of `appeals.triage`: an appeal a person must route. */
export const AppealTriaged = z.strictObject({
  version: z.literal(1),
  appealId: AppealId,
  registrationNumber: RegistrationNumber,
  receivedAt: Timestamp,
  triagedAt: Timestamp,
  reason: RoutingReason,
});
export type AppealTriaged = z.infer<typeof AppealTriaged>;
