import type { AppealEvent, RoutingTopic } from '@priemnaya/contracts';
import { measureWindow, nextState, type GuardState, type PrecisionPolicy, type SettledOutcome, type WindowStats } from './precision-guard.js';
import { SETTLING_EVENTS, verdictAfterSettlingPeriod, verdictOf, type OutcomeCause, type PendingOutcome, type Verdict } from './routing-outcome.js';

/** A topic's state as last evaluated: the state, how many transitions led to it and since when, and its window. */
export interface TopicGuard {
  topic: RoutingTopic;
  state: GuardState;
  /** The count of transitions so far; the next one is number `transitions + 1`. */
  transitions: number;
  since?: Date;
  window: WindowStats;
  evaluatedAt: Date;
}

/** One change of a topic's state, numbered per topic: the first replica to record number n wins it. */
export interface GuardTransition {
  topic: RoutingTopic;
  seq: number;
  from: GuardState;
  to: GuardState;
  at: Date;
  window: WindowStats;
  policy: PrecisionPolicy;
}

export interface RecordedOutcome extends SettledOutcome {
  kind: PendingOutcome['kind'];
  cause: OutcomeCause;
  modelVersion: string;
  decidedAt: Date;
}

export interface PrecisionWatchPorts {
  policy: PrecisionPolicy;
  /** How long an auto-routed appeal may go without a settling event before it counts as right. */
  settleAfterMs: number;
  pending: {
    find(appealId: string): Promise<PendingOutcome | undefined>;
    /** Pending outcomes decided at or before `before`, oldest first, at most `limit`. */
    due(before: Date, limit: number): Promise<PendingOutcome[]>;
    /** Records the outcome once per appeal (the first record wins), then forgets the pending one. */
    settle(outcome: RecordedOutcome): Promise<void>;
    discard(appealId: string): Promise<void>;
  };
  outcomes: {
    of(topic: RoutingTopic): Promise<SettledOutcome[]>;
    drop(appealIds: string[]): Promise<void>;
  };
  topics: {
    /** The stored state, or undefined for a topic never evaluated. */
    find(topic: RoutingTopic): Promise<TopicGuard | undefined>;
    /** Stores the state unless a state with more transitions is stored already. */
    save(guard: TopicGuard): Promise<void>;
    transition(topic: RoutingTopic, seq: number): Promise<GuardTransition | undefined>;
    /** Records the transition if its number is free; returns the one that holds the number. */
    claim(transition: GuardTransition): Promise<{ transition: GuardTransition; claimed: boolean }>;
  };
  /** Told of each transition this process recorded (metric, log), once per transition across replicas. */
  onTransition(transition: GuardTransition): void;
  /** Told of every evaluation, so routing here follows at once rather than at the next refresh. */
  onEvaluated(guard: TopicGuard): void;
  clock: () => Date;
}

const EMPTY: WindowStats = { outcomes: 0, right: 0, precision: null, lowerBound: 0, upperBound: 1 };

/**
 * The live precision guard's flows. Every step is safe to repeat and to run on several replicas at
 * once without transactions: an outcome is recorded once per appeal (its id is the appeal's), a
 * transition once per topic and number, and a replica whose stored state lags the recorded
 * transitions catches up from them before it decides anything.
 */
export function createPrecisionWatch(ports: PrecisionWatchPorts) {
  const { policy } = ports;

  async function evaluate(topic: RoutingTopic): Promise<TopicGuard> {
    const now = ports.clock();
    const { stats, beyond } = measureWindow(await ports.outcomes.of(topic), policy);
    if (beyond.length > 0) await ports.outcomes.drop(beyond);
    const stored = await ports.topics.find(topic);
    let state: GuardState = stored?.state ?? 'routing';
    let transitions = stored?.transitions ?? 0;
    let since = stored?.since;
    for (let later = await ports.topics.transition(topic, transitions + 1); later; later = await ports.topics.transition(topic, transitions + 1)) {
      ({ to: state, seq: transitions, at: since } = later);
    }
    const to = nextState(state, stats, policy);
    if (to !== state) {
      const { transition, claimed } = await ports.topics.claim({ topic, seq: transitions + 1, from: state, to, at: now, window: stats, policy });
      if (claimed) ports.onTransition(transition);
      ({ to: state, seq: transitions, at: since } = transition);
    }
    const guard: TopicGuard = { topic, state, transitions, ...(since ? { since } : {}), window: stats, evaluatedAt: now };
    await ports.topics.save(guard);
    ports.onEvaluated(guard);
    return guard;
  }

  /** Records the verdict; true when it added an outcome to the topic's window. */
  async function apply(pending: PendingOutcome, verdict: Verdict, settledAt: Date): Promise<boolean> {
    if (verdict.kind === 'discard') {
      await ports.pending.discard(pending.appealId);
      return false;
    }
    const { appealId, kind, topic, modelVersion, decidedAt } = pending;
    await ports.pending.settle({ appealId, kind, topic, modelVersion, decidedAt, right: verdict.right, cause: verdict.cause, settledAt });
    return true;
  }

  return {
    evaluate,

    /** Learns from one event on `appeals.events`: most say nothing about a pending outcome. */
    async learn(event: AppealEvent): Promise<void> {
      if (!SETTLING_EVENTS.has(event.type)) return;
      // The router's own first routing of an appeal is no news about it.
      if (event.type === 'appeal.routed' && event.reason.kind === 'model') return;
      const pending = await ports.pending.find(event.appealId);
      if (!pending) return;
      const verdict = verdictOf(pending, event);
      if (verdict && (await apply(pending, verdict, new Date(event.occurredAt)))) await evaluate(pending.topic);
    },

    /**
     * Settles what waited out the settling period, at most `limit` at a time, then evaluates each
     * topic it touched and each suspended one (so that a state stored out of order is put right).
     * Returns how many pending outcomes it settled or dropped.
     */
    async settleDue(limit: number, suspended: readonly RoutingTopic[]): Promise<number> {
      const now = ports.clock().getTime();
      const due = await ports.pending.due(new Date(now - ports.settleAfterMs), limit);
      const touched = new Set<RoutingTopic>(suspended);
      for (const pending of due) {
        if (await apply(pending, verdictAfterSettlingPeriod(pending), new Date(pending.decidedAt.getTime() + ports.settleAfterMs))) touched.add(pending.topic);
      }
      for (const topic of touched) await evaluate(topic);
      return due.length;
    },
  };
}
export type PrecisionWatch = ReturnType<typeof createPrecisionWatch>;

/** The state of a topic nothing was recorded for: routing, with an empty window. */
export function unmeasured(topic: RoutingTopic, at: Date): TopicGuard {
  return { topic, state: 'routing', transitions: 0, window: EMPTY, evaluatedAt: at };
}
