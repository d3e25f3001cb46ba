import { z } from 'zod';
import { AppealKind, Channel, RoutingTopic, Timestamp, UnitCode, type AppealReceived } from '@priemnaya/contracts';

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
    /** Where the answer term starts when not at registration: a platform message's publication on the platform. */
    clockStartsAt: Timestamp.optional(),
    /** The platform's category code of a platform message; its term may depend on it. */
    platformCategory: z.string().min(1).max(100).optional(),
    /** The pre-screen's flags (59-FZ ст. 11), for the notices some of them require. */
    screening: z.array(z.string().min(1).max(40)).max(20).optional(),
  }),
  z.strictObject({ ...EventBase, type: z.literal('routed'), topic: RoutingTopic, unit: UnitCode }),
  /** The appeal's whole set of tags was changed after registration; policies match the latest (59-FZ ст. 12 ч. 1.1). */
  z.strictObject({ ...EventBase, type: z.literal('tags-set'), tags: z.array(z.string().min(1).max(40)).max(20) }),
  /** An executor found the question outside the administration's competence (59-FZ ст. 8 ч. 3). */
  z.strictObject({ ...EventBase, type: z.literal('forwarding-requested') }),
  /**
   * Sent to the competent body (or bodies: copies, ст. 8 ч. 4). `partial`: only some questions were
   * forwarded and the rest is answered here, so the answer clock runs on; absent means the whole.
   */
  z.strictObject({ ...EventBase, type: z.literal('forwarded'), to: z.string().min(1).max(300), partial: z.boolean().optional() }),
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

/**
 * What the clocks read from a registered appeal beyond its channel and kind: a platform message's
 * publication time and category (its term runs from the one and may depend on the other), and
 * the pre-screen's flags (59-FZ ст. 11), some of which require telling the citizen within a term.
 * The monitor and the registry both map an appeal with this, so they count the same days.
 */
export function registrationClockFacts(appeal: Pick<AppealReceived, 'kind' | 'platform' | 'screening'>): {
  clockStartsAt?: string;
  platformCategory?: string;
  screening?: string[];
} {
  const flags = [...new Set(appeal.screening.map((finding) => finding.flag))];
  return {
    ...(appeal.kind === 'platform-message' && appeal.platform?.publishedAt !== undefined ? { clockStartsAt: appeal.platform.publishedAt } : {}),
    ...(appeal.platform?.category !== undefined ? { platformCategory: appeal.platform.category } : {}),
    ...(flags.length > 0 ? { screening: flags } : {}),
  };
}

/** Tie-break for events at the same instant: the order in which they can happen. */
const RANK: Record<LifecycleEventType, number> = {
  registered: 0,
  routed: 1,
  'tags-set': 2,
  'forwarding-requested': 3,
  'co-executor-added': 4,
  'extension-approved': 5,
  'co-executor-answered': 6,
  forwarded: 7,
  answered: 8,
  closed: 9,
  reopened: 10,
};

/** A total order on events, so any arrival order replays the same way. */
export function compareEvents(a: LifecycleEvent, b: LifecycleEvent): number {
  const at = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (at !== 0) return at;
  if (a.type !== b.type) return RANK[a.type] - RANK[b.type];
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}
