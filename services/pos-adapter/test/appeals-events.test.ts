import { randomUUID } from 'node:crypto';
import type { AppealReceived, AppealRouted, AppealTriageRequested } from '@priemnaya/contracts';
import { aPlatformItem } from '@priemnaya/pos-simulator';
import { waitFor, waitForCaughtUp } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { startPosScenario } from './support/pos-adapter-harness.js';

function routed(appeal: Pick<AppealReceived, 'appealId' | 'registrationNumber' | 'channel' | 'receivedAt'>, unit = 'zhkh'): AppealRouted {
  return {
    version: 1,
    type: 'appeal.routed',
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt: new Date(Date.parse(appeal.receivedAt) + 2_000).toISOString(),
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    topic: 'housing',
    unit,
    reason: { kind: 'keyword-rule', ruleId: 'sample-housing', matchedTerms: ['фонарь'] },
  };
}

function triaged(appeal: AppealReceived): AppealTriageRequested {
  const { topic: _topic, unit: _unit, ...rest } = routed(appeal);
  return { ...rest, eventId: randomUUID(), type: 'appeal.triaged', reason: { kind: 'no-rule-matched' } };
}

describe.concurrent('topic appeals.events', () => {
  it('when a platform appeal is routed, and the event comes twice and a reroute follows, posts in-progress once with the event id as idempotency key', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const item = aPlatformItem('appeal');
    scenario.simulator.enqueue(item);
    await scenario.startAdapter();
    const appeal = await scenario.waitForRegistered(item.id);
    const event = routed(appeal);

    await scenario.publisher.publish([
      { topic: 'appeals.events', payload: triaged(appeal) },
      { topic: 'appeals.events', payload: event },
      { topic: 'appeals.events', payload: event },
      { topic: 'appeals.events', payload: routed(appeal, 'dorogi') },
    ]);
    await waitFor(() => scenario.simulator.statusChanges().length > 0, { description: 'a status change on the platform' });
    await waitForCaughtUp(scenario.testKafka.kafka, scenario.groupId, [scenario.testKafka.names.of('appeals.events')]);

    expect(scenario.simulator.statusChanges()).toEqual([
      expect.objectContaining({ itemId: item.id, idempotencyKey: event.eventId, status: 'in-progress', occurredAt: event.occurredAt }),
    ]);
    expect(scenario.simulator.requests().filter((request) => request.route === 'status-changes')).toHaveLength(1);
  });

  it('when an appeal from another channel is routed, posts nothing to the platform', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    await scenario.startAdapter();
    const siteAppeal = { appealId: randomUUID(), registrationNumber: '00001/2026', channel: 'site' as const, receivedAt: new Date().toISOString() };

    await scenario.publisher.publish([{ topic: 'appeals.events', payload: routed(siteAppeal) }]);
    await waitForCaughtUp(scenario.testKafka.kafka, scenario.groupId, [scenario.testKafka.names.of('appeals.events')]);

    expect(scenario.simulator.requests().filter((request) => request.route === 'status-changes')).toEqual([]);
  });
});
