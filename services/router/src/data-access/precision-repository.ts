import type { RoutingTopic } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';
import type { SuspendedTopics, TopicSuspension } from '../domain/decide-route.js';
import type { GuardState, PrecisionPolicy, SettledOutcome, WindowStats } from '../domain/precision-guard.js';
import type { GuardTransition, RecordedOutcome, TopicGuard } from '../domain/precision-watch.js';
import type { PendingOutcome } from '../domain/routing-outcome.js';
import type { AuditEntry, AuditRepository } from './audit-repository.js';

type PendingDocument = Omit<PendingOutcome, 'appealId'> & { _id: string };
type OutcomeDocument = Omit<RecordedOutcome, 'appealId'> & { _id: string };
type TopicDocument = Omit<TopicGuard, 'topic'> & { _id: RoutingTopic };

/** How a transition reads in the audit trail: before and after, like an administrator's edit. */
interface TransitionBefore {
  state: GuardState;
}
interface TransitionAfter {
  state: GuardState;
  seq: number;
  window: WindowStats;
  policy: PrecisionPolicy;
}

/** Who made a transition, in the audit trail: the router itself, not a member of staff. */
export const PRECISION_GUARD_ACTOR = { staffId: 'precision-guard', role: 'router' } as const;

const transitionId = (topic: RoutingTopic, seq: number) => `precision-guard:${topic}:${seq}`;

function transitionOf({ at, key, before, after }: AuditEntry): GuardTransition {
  const { state: from } = before as TransitionBefore;
  const { state: to, seq, window, policy } = after as TransitionAfter;
  return { topic: key as RoutingTopic, seq, from, to, at, window, policy };
}

/**
 * The live precision guard's records, each read by `_id` on the routing path (FerretDB uses no
 * other index):
 * - `precision_pending`: outcomes waiting for the unit, one per appeal, removed once settled; the
 *   settling sweep scans it, which is bounded by the appeals decided within the settling period;
 * - `precision_outcomes`: settled outcomes, one per appeal (a repeated event cannot count twice),
 *   pruned to each topic's window, so reading a topic's window scans a few hundred documents per
 *   topic at most, not every appeal ever routed;
 * - `precision_topics`: each topic's state and figures as last evaluated;
 * - transitions, in the routing audit trail (entity `precision-guard`) under
 *   `precision-guard:<topic>:<n>`, so that of replicas deciding the same transition one records it.
 */
export function createPrecisionRepository(db: Db, audit: AuditRepository, refreshMs = 5_000, now = () => Date.now()) {
  const pending = db.collection<PendingDocument>('precision_pending');
  const outcomes = db.collection<OutcomeDocument>('precision_outcomes');
  const topics = db.collection<TopicDocument>('precision_topics');
  let cached: { at: number; value: Map<RoutingTopic, TopicGuard> } | undefined;

  const keepFirst = async (write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  };
  const guardOf = ({ _id, ...rest }: TopicDocument): TopicGuard => ({ topic: _id, ...rest });

  async function current(): Promise<Map<RoutingTopic, TopicGuard>> {
    if (cached && now() - cached.at < refreshMs) return cached.value;
    const value = new Map((await topics.find().toArray()).map((document) => [document._id, guardOf(document)] as const));
    cached = { at: now(), value };
    return value;
  }

  return {
    pending: {
      expect: ({ appealId, ...rest }: PendingOutcome) => keepFirst(() => pending.insertOne({ _id: appealId, ...rest })),
      async find(appealId: string): Promise<PendingOutcome | undefined> {
        const document = await pending.findOne({ _id: appealId });
        if (!document) return undefined;
        const { _id, ...rest } = document;
        return { appealId: _id, ...rest };
      },
      async due(before: Date, limit: number): Promise<PendingOutcome[]> {
        const documents = await pending.find({ decidedAt: { $lte: before } }).sort({ decidedAt: 1 }).limit(limit).toArray();
        return documents.map(({ _id, ...rest }) => ({ appealId: _id, ...rest }));
      },
      // The outcome first: a crash in between leaves the pending one, and settling it again finds
      // the outcome already recorded.
      async settle({ appealId, ...rest }: RecordedOutcome): Promise<void> {
        await keepFirst(() => outcomes.insertOne({ _id: appealId, ...rest }));
        await pending.deleteOne({ _id: appealId });
      },
      async discard(appealId: string): Promise<void> {
        await pending.deleteOne({ _id: appealId });
      },
    },
    outcomes: {
      async of(topic: RoutingTopic): Promise<SettledOutcome[]> {
        const documents = await outcomes.find({ topic }, { projection: { topic: 1, right: 1, settledAt: 1 } }).toArray();
        return documents.map(({ _id, topic: of, right, settledAt }) => ({ appealId: _id, topic: of, right, settledAt }));
      },
      async drop(appealIds: string[]): Promise<void> {
        // One delete per id, each by the _id index: an $in would scan the collection on FerretDB.
        await outcomes.bulkWrite(appealIds.map((_id) => ({ deleteOne: { filter: { _id } } })), { ordered: false });
      },
    },
    topics: {
      async find(topic: RoutingTopic): Promise<TopicGuard | undefined> {
        const document = await topics.findOne({ _id: topic });
        return document ? guardOf(document) : undefined;
      },
      /**
       * The filter matches only a stored state with no more transitions than this one; when a
       * later state is stored the upsert's insert fails on the `_id` and this older state is dropped.
       */
      async save({ topic, since, ...rest }: TopicGuard): Promise<void> {
        const document: Omit<TopicDocument, '_id'> = { ...rest, ...(since ? { since } : {}) };
        await keepFirst(() => topics.replaceOne({ _id: topic, transitions: { $lte: rest.transitions } }, document, { upsert: true }));
      },
      async transition(topic: RoutingTopic, seq: number): Promise<GuardTransition | undefined> {
        const entry = await audit.find(transitionId(topic, seq));
        return entry ? transitionOf(entry) : undefined;
      },
      async claim(transition: GuardTransition): Promise<{ transition: GuardTransition; claimed: boolean }> {
        const { topic, seq, from, to, at, window, policy } = transition;
        const before: TransitionBefore = { state: from };
        const after: TransitionAfter = { state: to, seq, window, policy };
        const { entry, recorded } = await audit.recordOnce({ _id: transitionId(topic, seq), at, by: { ...PRECISION_GUARD_ACTOR }, entity: 'precision-guard', key: topic, before, after });
        return { transition: recorded ? transition : transitionOf(entry), claimed: recorded };
      },
    },

    /** Every topic's state as stored, read at most every `refreshMs`; what this process evaluates itself it knows at once (`remember`). */
    current,
    /** What this process just evaluated, so it routes by it before the next refresh. */
    remember(guard: TopicGuard): void {
      if (!cached) return;
      const known = cached.value.get(guard.topic);
      if (!known || known.transitions <= guard.transitions) cached.value.set(guard.topic, guard);
    },
    /** The topics routing must hold back now, with the figures the operator is shown. */
    async suspended(resumeAt: number): Promise<SuspendedTopics> {
      const suspended = new Map<RoutingTopic, TopicSuspension>();
      for (const guard of (await current()).values()) {
        if (guard.state !== 'suspended') continue;
        suspended.set(guard.topic, { since: guard.since ?? guard.evaluatedAt, precision: guard.window.precision ?? 0, outcomes: guard.window.outcomes, target: resumeAt });
      }
      return suspended;
    },
  };
}
export type PrecisionRepository = ReturnType<typeof createPrecisionRepository>;
