import { z } from 'zod';
import { AppealKind, Channel, RoutingTopic } from '@priemnaya/contracts';
import { reasonsOf, unwrap, type Checked } from './data-issues.js';

/** The article a rule comes from, e.g. «59-ФЗ ст. 12 ч. 1»; kept with the rule so an audit can check it. */
const Basis = z.string().trim().min(1, 'must cite the article the rule comes from');
const Days = z.number().int().min(1, 'must be at least 1 day').max(366, 'must be at most 366 days');

/** `notice`: telling the citizen why an appeal gets no answer on the merits (59-FZ ст. 11), a clock per finding. */
export const ClockKind = z.enum(['registration', 'forwarding', 'answer', 'extended-answer', 'co-executor', 'notice']);
export type ClockKind = z.infer<typeof ClockKind>;

/** A term counted in calendar days (59-FZ) or working days (platform messages). */
export const TermRule = z.strictObject({
  count: z.enum(['calendar-days', 'working-days']),
  days: Days,
  /** Platform messages may be shorter on some topics. */
  daysByTopic: z.partialRecord(RoutingTopic, Days).optional(),
  /**
   * Platform messages: the term by the platform's own category code (the region's rules set it
   * per category). When present, it decides and `daysByTopic` does not: the internal topic is the
   * router's guess, the category is what the platform and its control count by.
   */
  daysByPlatformCategory: z.record(z.string().min(1).max(100), Days).optional(),
  /** A calendar-day term ending on a day off ends on the next working day (ГК РФ ст. 193). */
  moveOffNonWorkingDay: z.boolean().default(true),
  basis: Basis,
});
export type TermRule = z.infer<typeof TermRule>;

/** An oral appeal answered at the reception with the citizen's consent (59-FZ ст. 13 ч. 3): the clock closes at registration. */
export const OnTheSpotRule = z.strictObject({ count: z.literal('on-the-spot'), basis: Basis });

export const AnswerRule = z.discriminatedUnion('count', [
  TermRule.extend({ count: z.literal('calendar-days') }),
  TermRule.extend({ count: z.literal('working-days') }),
  OnTheSpotRule,
]);
export type AnswerRule = z.infer<typeof AnswerRule>;

export const ExtensionRule = z.strictObject({
  /** The total of all extensions of one appeal, e.g. 30 (59-FZ ст. 12 ч. 2). */
  maxDays: Days,
  count: z.enum(['calendar-days', 'working-days']),
  moveOffNonWorkingDay: z.boolean().default(true),
  basis: Basis,
});
export type ExtensionRule = z.infer<typeof ExtensionRule>;

/** A co-executor's part is due this many calendar days before the controlling deadline. */
export const CoExecutorRule = z.strictObject({
  daysBeforeControl: z.number().int().min(0).max(60),
  basis: Basis,
});
export type CoExecutorRule = z.infer<typeof CoExecutorRule>;

export const Recipient = z.enum(['executor', 'supervisor', 'head']);
export type Recipient = z.infer<typeof Recipient>;

export const StageTrigger = z.discriminatedUnion('type', [
  /** Fires when this share of the clock's time has passed. */
  z.strictObject({ type: z.literal('time-used'), fraction: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1') }),
  /** Fires at the start of the working day from which this many working days remain, that day included. */
  z.strictObject({ type: z.literal('working-days-left'), days: z.number().int().min(1).max(60) }),
  z.strictObject({ type: z.literal('overdue') }),
]);
export type StageTrigger = z.infer<typeof StageTrigger>;

export const WarningStage = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lower-case latin letters, digits or dashes'),
    trigger: StageTrigger,
    recipients: z.array(Recipient).min(1, 'must name at least one recipient'),
    waitsForWorkingHours: z.boolean(),
    /** Clocks the stage watches; all that have a deadline to warn about when absent. */
    clocks: z.array(ClockKind).min(1).optional(),
  })
  .refine((stage) => stage.trigger.type !== 'overdue' || !stage.waitsForWorkingHours, {
    message: 'an overdue stage never waits for working hours',
    path: ['waitsForWorkingHours'],
  });
export type WarningStage = z.infer<typeof WarningStage>;

/**
 * 59-FZ ст. 11: a case that requires telling the citizen within a term (7 days from registration
 * for parts 2, 4, 4.1 and 5.1) runs its own clock from the pre-screen's finding.
 */
export const NoticeRule = TermRule.extend({
  /** The pre-screen's flag, e.g. `court-decision`. */
  finding: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a pre-screen flag such as court-decision'),
});
export type NoticeRule = z.infer<typeof NoticeRule>;

/**
 * Who answers: a municipality, a regional body, or the head of the region (the governor), whose
 * terms differ (59-FZ ст. 12 ч. 1.1 gives 20 days on migration matters only to the latter).
 */
export const AuthorityLevel = z.enum(['municipality', 'regional-body', 'regional-head']);
export type AuthorityLevel = z.infer<typeof AuthorityLevel>;

/** Which appeals a policy is for; every listed criterion must hold, an absent one matches all. */
export const PolicyMatch = z.strictObject({
  channels: z.array(Channel).min(1).optional(),
  kinds: z.array(AppealKind).min(1).optional(),
  topics: z.array(RoutingTopic).min(1).optional(),
  /** Labels set at intake or triage, e.g. `migration-law` (59-FZ ст. 12 ч. 1.1); any one matches. */
  tags: z.array(z.string().min(1).max(40)).min(1).optional(),
  answeredOnTheSpot: z.boolean().optional(),
});
export type PolicyMatch = z.infer<typeof PolicyMatch>;

export const DeadlinePolicy = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,59}$/, 'must be lower-case latin letters, digits or dashes'),
    title: z.string().trim().min(1),
    match: PolicyMatch,
    registration: TermRule.optional(),
    forwarding: TermRule.optional(),
    answer: AnswerRule,
    extension: ExtensionRule.optional(),
    coExecutor: CoExecutorRule.optional(),
    notices: z.array(NoticeRule).optional(),
    /** The authorities the policy is for; absent: every one. */
    authorityLevels: z.array(AuthorityLevel).min(1).optional(),
    stages: z.array(WarningStage),
  })
  .superRefine((policy, context) => {
    const seen = new Set<string>();
    policy.stages.forEach((stage, index) => {
      if (seen.has(stage.id)) context.addIssue({ code: 'custom', path: ['stages', index, 'id'], message: `${stage.id} is used twice` });
      seen.add(stage.id);
    });
    const findings = new Set<string>();
    policy.notices?.forEach((notice, index) => {
      if (findings.has(notice.finding)) context.addIssue({ code: 'custom', path: ['notices', index, 'finding'], message: `${notice.finding} has two notice terms` });
      findings.add(notice.finding);
    });
  });
export type DeadlinePolicy = z.infer<typeof DeadlinePolicy>;

/**
 * An ordered list: the first policy that matches an appeal applies, and the last must match
 * everything, so no appeal is ever left without a clock.
 */
export const PolicySet = z
  .strictObject({
    /** The authority these policies serve; a policy for other levels never applies. */
    authorityLevel: AuthorityLevel.default('municipality'),
    policies: z.array(DeadlinePolicy).min(1, 'must hold at least the catch-all policy'),
  })
  .superRefine(({ policies }, context) => {
    const ids = new Set<string>();
    policies.forEach((policy, index) => {
      if (ids.has(policy.id)) context.addIssue({ code: 'custom', path: ['policies', index, 'id'], message: `${policy.id} is used twice` });
      ids.add(policy.id);
      const catchAll = Object.values(policy.match).every((criterion) => criterion === undefined) && policy.authorityLevels === undefined;
      if (catchAll && index < policies.length - 1) {
        context.addIssue({ code: 'custom', path: ['policies', index, 'match'], message: `${policy.id} matches every appeal, so the policies after it would never apply` });
      }
      if (!catchAll && index === policies.length - 1) {
        context.addIssue({ code: 'custom', path: ['policies', index, 'match'], message: `the last policy (${policy.id}) must match every appeal (an empty match)` });
      }
    });
  });
export type PolicySet = z.infer<typeof PolicySet>;

export function checkPolicySet(input: unknown): Checked<PolicySet> {
  const parsed = PolicySet.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reasons: reasonsOf(parsed.error) };
}

/** As `checkPolicySet`, throwing `DeadlineDataError` with every reason. */
export function loadPolicySet(input: unknown): PolicySet {
  return unwrap('deadline policies', checkPolicySet(input));
}

/** What the clocks know of an appeal when choosing its policy. */
export interface AppealFacts {
  channel: Channel;
  kind: AppealKind;
  topic?: RoutingTopic | undefined;
  tags?: readonly string[] | undefined;
  answeredOnTheSpot?: boolean | undefined;
  /** The platform's category code of a platform message. */
  platformCategory?: string | undefined;
}

export function matchesPolicy(match: PolicyMatch, facts: AppealFacts): boolean {
  if (match.channels && !match.channels.includes(facts.channel)) return false;
  if (match.kinds && !match.kinds.includes(facts.kind)) return false;
  if (match.topics && (facts.topic === undefined || !match.topics.includes(facts.topic))) return false;
  if (match.tags && !match.tags.some((tag) => facts.tags?.includes(tag) === true)) return false;
  if (match.answeredOnTheSpot !== undefined && match.answeredOnTheSpot !== (facts.answeredOnTheSpot ?? false)) return false;
  return true;
}

export function selectPolicy(policies: PolicySet, facts: AppealFacts): DeadlinePolicy {
  const policy = policies.policies.find(
    (candidate) => (candidate.authorityLevels?.includes(policies.authorityLevel) ?? true) && matchesPolicy(candidate.match, facts),
  );
  // The set's check guarantees a catch-all at the end.
  if (policy === undefined) throw new Error('policy set without a catch-all policy');
  return policy;
}

export function findPolicy(policies: PolicySet, id: string): DeadlinePolicy | undefined {
  return policies.policies.find((policy) => policy.id === id);
}

/**
 * The term length: by the platform's category where the rule sets terms by category (then the
 * internal topic plays no part), else by the topic (platform messages may be shorter on some).
 */
export function termDays(rule: TermRule, topic: RoutingTopic | undefined, platformCategory?: string): number {
  if (rule.daysByPlatformCategory !== undefined) return (platformCategory === undefined ? undefined : rule.daysByPlatformCategory[platformCategory]) ?? rule.days;
  return (topic === undefined ? undefined : rule.daysByTopic?.[topic]) ?? rule.days;
}

/** The stages that watch a kind of clock. */
export function stagesFor(policy: DeadlinePolicy, kind: ClockKind): WarningStage[] {
  return policy.stages.filter((stage) => stage.clocks === undefined || stage.clocks.includes(kind));
}
