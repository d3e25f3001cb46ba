import { describe, expect, it } from 'vitest';
import { formatRegistrationNumber, type AppealHandedBack, type AppealReceived } from '@priemnaya/contracts';
import { createHandleHandBack, type HandBackPorts } from './hand-back.js';
import { createRouteAppeal, type DecisionRecord, type RouteAppealPorts } from './route-appeal.js';
import type { AppealSnapshot } from './routing-messages.js';

const appeal: AppealReceived = {
  version: 2,
  appealId: '1c6f7a4e-3c1d-4e7a-9a43-5b2f1c7d8e91',
  registrationNumber: formatRegistrationNumber(2, 2026),
  channel: 'site',
  kind: 'appeal',
  receivedAt: '2026-03-01T10:00:00.000Z',
  author: {},
  text: 'Обжалую отказ перевозчика: автобус не ходит',
  attachments: [],
  raw: { format: 'json', body: {} },
  screening: [],
};
const AT = new Date('2026-03-01T10:00:01.000Z');

function routePorts(): RouteAppealPorts & { entered: unknown[] } {
  const stored = new Map<string, DecisionRecord>();
  const entered: unknown[] = [];
  return {
    entered,
    guard: { suspended: async () => new Map(), expect: async () => undefined },
    decisions: {
      insertIfAbsent: async (record: DecisionRecord) => {
        if (!stored.has(record.appealId)) stored.set(record.appealId, record);
        return stored.get(record.appealId) ?? record;
      },
      markPublished: async () => undefined,
    },
    routingData: { current: async () => ({ rules: [], table: [{ topic: 'transport' as const, unit: 'transport' }], districts: [] }) },
    model: () => ({ version: 'm-2026-01-01-00000000', threshold: 0.9, classify: () => ({ topic: 'transport' as const, confidence: 0.99, alternatives: [], terms: ['автобус'], noEvidence: false }) }),
    triageQueue: { enter: async (...args: unknown[]) => void entered.push(args) },
    unitTopics: { ensure: async () => undefined },
    maxTextLength: 1_000,
    clock: () => AT,
    newId: () => crypto.randomUUID(),
  };
}
const position = { topic: 'in', partition: 0, offset: '7' };
const eventsOf = (messages: { topic: string; payload: unknown }[]) => messages.filter((m) => m.topic === 'appeals.events').map((m) => m.payload);

describe('routeAppeal: complaints', () => {
  it('59-ФЗ ст. 8 ч. 6: when the routed unit is the one the complaint contests, sends it to triage with that reason', async () => {
    const p = routePorts();
    const routed = await createRouteAppeal(p)({ ...appeal, lawKind: 'complaint', complaintAbout: { unit: 'transport' } }, position);
    expect(routed.messages.map((m) => m.topic)).toEqual(['appeals.triage', 'appeals.events']);
    expect(routed.record.decision).toEqual({ kind: 'triage', reason: { kind: 'complaint-addressee', unit: 'transport', from: 'routing' } });
    expect(p.entered).toHaveLength(1);
  });

  it('59-ФЗ ст. 8 ч. 6: a complaint about another unit, and a statement about this one, are routed as usual', async () => {
    const other = await createRouteAppeal(routePorts())({ ...appeal, lawKind: 'complaint', complaintAbout: { unit: 'roads' } }, position);
    expect(other.record.decision).toMatchObject({ kind: 'route', unit: 'transport' });
    const statement = await createRouteAppeal(routePorts())({ ...appeal, lawKind: 'statement', complaintAbout: { unit: 'transport' } }, position);
    expect(statement.record.decision).toMatchObject({ kind: 'route', unit: 'transport' });
  });

  it('59-ФЗ ст. 8 ч. 6: the task carries the kind and whom the complaint contests, for the executor’s forwarding', async () => {
    const routed = await createRouteAppeal(routePorts())({ ...appeal, lawKind: 'complaint', complaintAbout: { unit: 'roads', official: 'Сидоров С. С.' } }, position);
    expect(routed.messages.find((m) => m.topic === 'tasks')?.payload).toMatchObject({ lawKind: 'complaint', complaintAbout: { unit: 'roads', official: 'Сидоров С. С.' } });
  });

  it('59-ФЗ ст. 4: when intake did not say, the routing event carries the text’s suggestion of the kind, and nothing more is produced', async () => {
    const routed = await createRouteAppeal(routePorts())(appeal, position);
    expect(eventsOf(routed.messages)).toEqual([expect.objectContaining({ type: 'appeal.routed', lawKindSuggestion: { lawKind: 'complaint', cues: ['обжал'] } })]);
    const decided = await createRouteAppeal(routePorts())({ ...appeal, lawKind: 'statement' }, position);
    const [routedEvent] = eventsOf(decided.messages);
    expect(routedEvent).toMatchObject({ type: 'appeal.routed' });
    expect(routedEvent).not.toHaveProperty('lawKindSuggestion');
  });
});

describe('handleHandBack: complaints', () => {
  const snapshot: AppealSnapshot = {
    appealId: appeal.appealId, registrationNumber: appeal.registrationNumber, receivedAt: appeal.receivedAt, channel: 'site', text: appeal.text,
    lawKind: 'complaint', complaintAbout: { unit: 'transport' },
  };
  const handBack: AppealHandedBack = {
    version: 1, eventId: '2c6f7a4e-3c1d-4e7a-9a43-5b2f1c7d8e92', appealId: appeal.appealId, registrationNumber: appeal.registrationNumber, occurredAt: AT.toISOString(),
    type: 'appeal.handed-back', channel: 'site', receivedAt: appeal.receivedAt, by: 'e-roads', unit: 'roads', reason: 'это перевозчик', suggestedUnit: 'transport',
  };
  function handPorts(reopened: unknown[]): HandBackPorts {
    return {
      appealOf: async () => snapshot,
      routingData: { current: async () => ({ rules: [], table: [{ topic: 'transport' as const, unit: 'transport' }], districts: [] }) },
      unitExists: async () => true,
      unitTopics: { ensure: async () => undefined },
      triageQueue: { reopen: async (...args: unknown[]) => void reopened.push(args) },
      examples: { record: async () => undefined },
      clock: () => AT,
    };
  }

  it('59-ФЗ ст. 8 ч. 6: a hand-back suggesting the unit the complaint contests goes to triage with that reason, not to the unit', async () => {
    const reopened: unknown[] = [];
    const messages = await createHandleHandBack(handPorts(reopened))(handBack);
    expect(messages.map((m) => m.topic)).toEqual(['appeals.triage', 'appeals.events']);
    expect(eventsOf(messages)).toEqual([expect.objectContaining({ type: 'appeal.triaged', reason: { kind: 'complaint-addressee', unit: 'transport', from: 'hand-back' } })]);
    expect(reopened).toHaveLength(1);
  });

  it('59-ФЗ ст. 8 ч. 6: a suggested topic whose unit is the contested one is refused the same way', async () => {
    const { suggestedUnit: _unit, ...byTopic } = handBack;
    const messages = await createHandleHandBack(handPorts([]))({ ...byTopic, suggestedTopic: 'transport' });
    expect(messages[0]?.topic).toBe('appeals.triage');
  });
});
