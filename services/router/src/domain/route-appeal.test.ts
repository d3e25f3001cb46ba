import { describe, expect, it } from 'vitest';
import { formatRegistrationNumber, type AppealReceived } from '@priemnaya/contracts';
import type { SuspendedTopics } from './decide-route.js';
import { createRouteAppeal, type DecisionRecord, type RouteAppealPorts } from './route-appeal.js';
import type { PendingOutcome } from './routing-outcome.js';

const appeal: AppealReceived = {
  version: 2,
  appealId: '0b6f7a4e-3c1d-4e7a-9a43-5b2f1c7d8e90',
  registrationNumber: formatRegistrationNumber(1, 2026),
  channel: 'site',
  kind: 'appeal',
  receivedAt: '2026-03-01T10:00:00.000Z',
  author: {},
  text: 'Автобус не ходит',
  attachments: [],
  raw: { format: 'json', body: {} },
  screening: [],
};

function ports(suspended: SuspendedTopics = new Map()): RouteAppealPorts & { stored: Map<string, DecisionRecord>; expected: PendingOutcome[] } {
  const stored = new Map<string, DecisionRecord>();
  const expected: PendingOutcome[] = [];
  const state = {
    stored,
    expected,
    guard: {
      suspended: async () => suspended,
      expect: async (pending: PendingOutcome) => void expected.push(pending),
    },
    decisions: {
      insertIfAbsent: async (record: DecisionRecord) => {
        if (!stored.has(record.appealId)) stored.set(record.appealId, record);
        return stored.get(record.appealId) ?? record;
      },
      markPublished: async () => undefined,
    },
    routingData: { current: async () => ({ rules: [], table: [{ topic: 'transport' as const, unit: 'transport' }], districts: [] }) },
    model: () => ({ version: 'm-2026-01-01-00000000', threshold: 0.9, classify: () => ({ topic: 'transport' as const, confidence: 0.99, alternatives: [], terms: ['автобус'], noEvidence: false }) }),
    triageQueue: { enter: async () => undefined },
    unitTopics: { ensure: async () => undefined },
    maxTextLength: 1_000,
    clock: () => new Date('2026-03-01T10:00:01.000Z'),
    newId: () => crypto.randomUUID(),
  };
  return state;
}

describe('routeAppeal', () => {
  it('when the same message is redelivered, produces the same messages again, with the first decision and its event id', async () => {
    const p = ports();
    const route = createRouteAppeal(p);
    const first = await route(appeal, { topic: 'in', partition: 0, offset: '7' });
    const again = await route(appeal, { topic: 'in', partition: 0, offset: '7' });
    expect(first.messages.map((m) => m.topic)).toEqual(['tasks', 'appeals.events']);
    expect(again.messages).toEqual(first.messages);
    expect(again.record).toBe(first.record);
    expect(p.stored.size).toBe(1);
  });

  it('when a later copy of a decided appeal arrives on the same partition, produces nothing', async () => {
    const route = createRouteAppeal(ports());
    await route(appeal, { topic: 'in', partition: 0, offset: '7' });
    expect((await route(appeal, { topic: 'in', partition: 0, offset: '9' })).messages).toEqual([]);
  });

  it('when the model routes the appeal on its own, waits for its outcome as an auto-routed one', async () => {
    const p = ports();
    await createRouteAppeal(p)(appeal, { topic: 'in', partition: 0, offset: '7' });
    expect(p.expected).toEqual([{ appealId: appeal.appealId, kind: 'auto', topic: 'transport', unit: 'transport', modelVersion: 'm-2026-01-01-00000000', decidedAt: new Date('2026-03-01T10:00:01.000Z') }]);
  });

  it('when the guard suspended the model’s topic, sends the appeal to triage with the figures and waits for the person’s topic', async () => {
    const since = new Date('2026-02-28T09:00:00.000Z');
    const p = ports(new Map([['transport', { since, precision: 0.6, outcomes: 20, target: 0.95 }]]));
    const routed = await createRouteAppeal(p)(appeal, { topic: 'in', partition: 0, offset: '7' });
    expect(routed.messages.map((m) => m.topic)).toEqual(['appeals.triage', 'appeals.events']);
    expect(routed.record.decision).toEqual({
      kind: 'triage',
      reason: {
        kind: 'precision-guard',
        modelVersion: 'm-2026-01-01-00000000',
        topic: 'transport',
        confidence: 0.99,
        threshold: 0.9,
        topTerms: ['автобус'],
        precision: 0.6,
        outcomes: 20,
        target: 0.95,
        suspendedAt: since.toISOString(),
      },
    });
    expect(p.expected).toMatchObject([{ kind: 'shadow', topic: 'transport' }]);
  });
});
