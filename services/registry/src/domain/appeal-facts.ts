import type { AppealEvent, AppealReceived } from '@priemnaya/contracts';

/**
 * A received appeal as the registry keeps it: everything but the channel's raw payload, whose
 * field names may not be storable (`$`, dots) and which ingest keeps for audit. Its event id is
 * derived from the appeal id, so a redelivered appeal is the same fact.
 */
export type ReceivedFact = Omit<AppealReceived, 'raw'> & { type: 'appeal.received'; eventId: string; occurredAt: string };

/** One fact about an appeal, from either topic: the unit of the registry's history. */
export type AppealFact = ReceivedFact | AppealEvent;
export type AppealFactType = AppealFact['type'];

export function factFromReceived(appeal: AppealReceived): ReceivedFact {
  const { raw: _raw, ...kept } = appeal;
  return { ...kept, type: 'appeal.received', eventId: `received:${appeal.appealId}`, occurredAt: appeal.receivedAt };
}

/**
 * The order of facts that happened in the same millisecond: the order in which they can happen
 * (registration before triage, triage before routing, work after routing, closing last).
 */
const TYPE_RANK: Record<AppealFactType, number> = {
  'appeal.received': 0,
  'appeal.triaged': 1,
  'appeal.handed-back': 1,
  'appeal.routed': 2,
  'appeal.triage-decided': 2,
  'appeal.law-kind-decided': 2,
  'appeal.tags-set': 2,
  'appeal.assigned': 3,
  'appeal.accepted': 4,
  'appeal.co-executor-added': 5,
  'appeal.extension-requested': 5,
  'appeal.extension-approved': 6,
  'appeal.extension-refused': 6,
  'appeal.co-executor-answered': 7,
  'appeal.forwarding-started': 8,
  'appeal.forwarded': 9,
  'appeal.answered': 10,
  // The head's decision (59-FZ ст. 11 ч. 5) comes before the closing it causes, at the same instant.
  'appeal.correspondence-ended': 10,
  'appeal.closed': 11,
  'appeal.returned-to-citizen': 11,
};

/**
 * A total order on an appeal's facts: when they happened, then the lifecycle rank, then the
 * event id. Facts arrive from two topics in any order and may be redelivered; the registry
 * folds the distinct facts in this order, so every arrival order gives the same card.
 * Timestamps are normalised ISO text, so the text order is the time order.
 */
export function compareFacts(a: AppealFact, b: AppealFact): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? -1 : 1;
  if (a.type !== b.type) return TYPE_RANK[a.type] - TYPE_RANK[b.type];
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/** The distinct facts (first copy of each event id wins) in `compareFacts` order. */
export function distinctSorted(facts: readonly AppealFact[]): AppealFact[] {
  const byId = new Map<string, AppealFact>();
  for (const fact of facts) if (!byId.has(fact.eventId)) byId.set(fact.eventId, fact);
  return [...byId.values()].sort(compareFacts);
}
