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

/** Payload of `appeals.events`: every lifecycle change of an appeal (routing so far; the executors' actions join it). */
export const AppealEvent = z.discriminatedUnion('type', [AppealRouted, AppealTriageRequested]);
export type AppealEvent = z.infer<typeof AppealEvent>;
export type AppealEventType = AppealEvent['type'];
