import type { AppealEvent, RoutingTopic } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import type { PrecisionPolicy } from './precision-guard.js';
import { createPrecisionWatch, type GuardTransition, type PrecisionWatchPorts, type RecordedOutcome, type TopicGuard } from './precision-watch.js';
import type { PendingOutcome } from './routing-outcome.js';

const policy: PrecisionPolicy = { target: 0.95, resumeAt: 0.95, window: 5, minOutcomes: 3, confidenceZ: 1.645 };
const DAY = 86_400_000;

/** What the repository keeps, held in memory with its rules: the first outcome per appeal and the first transition per number win. */
function store() {
  return {
    pending: new Map<string, PendingOutcome>(),
    outcomes: new Map<string, RecordedOutcome>(),
    topics: new Map<RoutingTopic, TopicGuard>(),
    transitions: new Map<string, GuardTransition>(),
  };
}
type Store = ReturnType<typeof store>;

/** One replica of the guard over the shared store; `told` collects the transitions it recorded. */
function replica(shared: Store, now: () => Date) {
  const told: GuardTransition[] = [];
  const ports: PrecisionWatchPorts = {
    policy,
    settleAfterMs: 14 * DAY,
    pending: {
      find: async (appealId) => shared.pending.get(appealId),
      due: async (before, limit) => [...shared.pending.values()].filter((p) => p.decidedAt <= before).slice(0, limit),
      settle: async (outcome) => {
        if (!shared.outcomes.has(outcome.appealId)) shared.outcomes.set(outcome.appealId, outcome);
        shared.pending.delete(outcome.appealId);
      },
      discard: async (appealId) => void shared.pending.delete(appealId),
    },
    outcomes: {
      of: async (topic) => [...shared.outcomes.values()].filter((o) => o.topic === topic),
      drop: async (ids) => ids.forEach((id) => shared.outcomes.delete(id)),
    },
    topics: {
      find: async (topic) => shared.topics.get(topic),
      save: async (guard) => {
        const stored = shared.topics.get(guard.topic);
        if (!stored || stored.transitions <= guard.transitions) shared.topics.set(guard.topic, guard);
      },
      transition: async (topic, seq) => shared.transitions.get(`${topic}:${seq}`),
      claim: async (transition) => {
        const id = `${transition.topic}:${transition.seq}`;
        const winner = shared.transitions.get(id);
        if (winner) return { transition: winner, claimed: false };
        shared.transitions.set(id, transition);
        return { transition, claimed: true };
      },
    },
    onTransition: (transition) => told.push(transition),
    onEvaluated: () => undefined,
    clock: now,
  };
  return { watch: createPrecisionWatch(ports), told };
}

let sequence = 0;
function autoRouted(shared: Store, decidedAt = new Date('2026-03-01T10:00:00.000Z')): PendingOutcome {
  const appealId = `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;
  const pending: PendingOutcome = { appealId, kind: 'auto', topic: 'housing', unit: 'zhkh', modelVersion: 'm-1', decidedAt };
  shared.pending.set(appealId, pending);
  return pending;
}
function eventFor(pending: PendingOutcome, type: 'appeal.handed-back' | 'appeal.answered', at: string): AppealEvent {
  const base = { version: 1 as const, eventId: '8a6e0f7e-8f3c-4c1e-9a51-1f2d3c4b5a69', appealId: pending.appealId, registrationNumber: '1/2026', occurredAt: at, channel: 'site' as const, receivedAt: at, by: 'executor-1', unit: 'zhkh' };
  return type === 'appeal.handed-back' ? { ...base, type, reason: 'не наше' } : { ...base, type, answer: { text: 'Ответ', inSubstance: true, attachments: [] } };
}
const now = () => new Date('2026-03-05T10:00:00.000Z');

describe('createPrecisionWatch', () => {
  it('when the same hand-back is delivered twice, counts it once', async () => {
    const shared = store();
    const { watch } = replica(shared, now);
    const pending = autoRouted(shared);
    const event = eventFor(pending, 'appeal.handed-back', '2026-03-02T10:00:00.000Z');
    await watch.learn(event);
    await watch.learn(event);
    expect(shared.topics.get('housing')?.window).toMatchObject({ outcomes: 1, right: 0 });
  });

  it('when enough auto-routed appeals are handed back, suspends the topic once, and resumes it once enough are answered', async () => {
    const shared = store();
    const { watch, told } = replica(shared, now);
    for (let at = 1; at <= 3; at++) await watch.learn(eventFor(autoRouted(shared), 'appeal.handed-back', `2026-03-02T10:0${at}:00.000Z`));
    expect(shared.topics.get('housing')).toMatchObject({ state: 'suspended', transitions: 1, window: { outcomes: 3, right: 0 } });
    for (let at = 1; at <= 4; at++) await watch.learn(eventFor(autoRouted(shared), 'appeal.answered', `2026-03-03T10:0${at}:00.000Z`));
    // Four right of the last five: 80%, still below the 95% it must reach again.
    expect(shared.topics.get('housing')).toMatchObject({ state: 'suspended', window: { outcomes: 5, right: 4 } });
    await watch.learn(eventFor(autoRouted(shared), 'appeal.answered', '2026-03-03T10:05:00.000Z'));
    expect(shared.topics.get('housing')).toMatchObject({ state: 'routing', transitions: 2, window: { outcomes: 5, right: 5 } });
    expect(told.map(({ seq, to }) => ({ seq, to }))).toEqual([{ seq: 1, to: 'suspended' }, { seq: 2, to: 'routing' }]);
    expect(shared.outcomes.size).toBe(5);
  });

  it('when two replicas evaluate the same trip, one of them records the transition and both end in the same state', async () => {
    const shared = store();
    const first = replica(shared, now);
    const second = replica(shared, now);
    for (let at = 1; at <= 3; at++) await first.watch.learn(eventFor(autoRouted(shared), 'appeal.handed-back', `2026-03-02T10:0${at}:00.000Z`));
    // The second replica's stored state lags: it read "routing" before the first one wrote.
    shared.topics.set('housing', { ...(shared.topics.get('housing') as TopicGuard), state: 'routing', transitions: 0 });
    const guard = await second.watch.evaluate('housing');
    expect(guard).toMatchObject({ state: 'suspended', transitions: 1 });
    expect([...first.told, ...second.told]).toHaveLength(1);
  });

  it('after the settling period, counts an auto-routed appeal as right and drops one held back that nobody decided', async () => {
    const shared = store();
    const { watch } = replica(shared, () => new Date('2026-03-20T00:00:00.000Z'));
    autoRouted(shared, new Date('2026-03-01T00:00:00.000Z'));
    const young = autoRouted(shared, new Date('2026-03-15T00:00:00.000Z'));
    const held = autoRouted(shared, new Date('2026-03-01T00:00:00.000Z'));
    shared.pending.set(held.appealId, { ...held, kind: 'shadow' });
    expect(await watch.settleDue(100, [])).toBe(2);
    expect([...shared.outcomes.values()]).toMatchObject([{ right: true, cause: 'settling-period', settledAt: new Date('2026-03-15T00:00:00.000Z') }]);
    expect([...shared.pending.keys()]).toEqual([young.appealId]);
  });
});
