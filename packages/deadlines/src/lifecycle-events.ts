import { z } from 'zod';
import { AppealKind, Channel, RoutingTopic, Timestamp, UnitCode } from '@priemnaya/contracts';

const EventBase = {
  eventId: z.string().min(1).max(100),
  appealId: z.string().min(1).max(100),
  /** When it happened in the world; events are replayed in this order, whatever order they arrive in. */
  occurredAt: Timestamp,
};

/**
 * What the clocks need from an appeal's life. The monitor maps `appeals.events` and
 * `appeals.received` onto these; the clocks never read the contracts' payloads directly, so a new
 * payload version changes one mapping, not the arithmetic.
 */
export const LifecycleEvent = z.discriminatedUnion('type', [
  z.strictObject({
    ...EventBase,
    type: z.literal('registered'),
    channel: Channel,
    kind: AppealKind,
    /** When the appeal reached the administration; the registration clock runs from here to `occurredAt`. */
    receivedAt: Timestamp.optional(),
    tags: z.array(z.string().min(1).max(40)).max(20).optional(),
    answeredOnTheSpot: z.boolean().optional(),
  }),
  z.strictObject({ ...EventBase, type: z.literal('routed'), topic: RoutingTopic, unit: UnitCode }),
  /** An executor found the question outside the administration's competence (59-FZ ст. 8 ч. 3). */
  z.strictObject({ ...EventBase, type: z.literal('forwarding-requested') }),
  z.strictObject({ ...EventBase, type: z.literal('forwarded'), to: z.string().min(1).max(300) }),
  z.strictObject({
    ...EventBase,
    type: z.literal('extension-approved'),
    days: z.number().int().min(1).max(366),
    decidedBy: z.string().min(1).max(100),
    /** As long as the contract lets a supervisor write it (appeals.events `why`). */
    reason: z.string().min(1).max(2000),
  }),
  z.strictObject({ ...EventBase, type: z.literal('co-executor-added'), unit: UnitCode }),
  z.strictObject({ ...EventBase, type: z.literal('co-executor-answered'), unit: UnitCode }),
  z.strictObject({ ...EventBase, type: z.literal('answered') }),
  z.strictObject({ ...EventBase, type: z.literal('closed') }),
  /** The answer was returned (incomplete, or the citizen's complaint upheld): the same deadline runs again. */
  z.strictObject({ ...EventBase, type: z.literal('reopened') }),
]);
export type LifecycleEvent = z.infer<typeof LifecycleEvent>;
export type LifecycleEventType = LifecycleEvent['type'];

/** Tie-break for events at the same instant: the order in which they can happen. */
const RANK: Record<LifecycleEventType, number> = {
  registered: 0,
  routed: 1,
  'forwarding-requested': 2,
  'co-executor-added': 3,
  'extension-approved': 4,
  'co-executor-answered': 5,
  forwarded: 6,
  answered: 7,
  closed: 8,
  reopened: 9,
};

/** A total order on events, so any arrival order replays the same way. */
export function compareEvents(a: LifecycleEvent, b: LifecycleEvent): number {
  const at = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (at !== 0) return at;
  if (a.type !== b.type) return RANK[a.type] - RANK[b.type];
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}
