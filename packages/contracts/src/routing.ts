import { z } from 'zod';
import { Timestamp } from './timestamp.js';
import { AppealId } from './appeal.js';
import { RegistrationNumber } from './registration-number.js';
import { RoutingTopic, UnitCode } from './routing-topics.js';

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
  text: z.string(),
  reason: RoutingReason,
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
