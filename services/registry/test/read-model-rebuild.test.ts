import { produceRaw } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import {
  aReceivedAppeal,
  aRoutedEvent,
  aTriagedEvent,
  historyOf,
  startRegistryScenario,
  statusOf,
  type RunningRegistry,
} from './support/registry-harness.js';

describe('topics appeals.received and appeals.events', () => {
  it('when a new consumer group replays them into an empty database, rebuilds the same status and history of every appeal', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const { publisher, testKafka } = scenario;
    const routed = aReceivedAppeal();
    const routedFirst = aReceivedAppeal();
    const triaged = aReceivedAppeal();
    const triagedThenRouted = aReceivedAppeal();
    const onlyReceived = aReceivedAppeal();
    const repeated = aReceivedAppeal();
    const appeals = [routed, routedFirst, triaged, triagedThenRouted, onlyReceived, repeated];
    const repeatedEvent = aRoutedEvent(repeated, { unit: 'transport-dept', topic: 'transport' });

    // Applied live, in two rounds: appeals first (one of them only as an event), then their events.
    await publisher.publish([
      ...[routed, triaged, triagedThenRouted, onlyReceived, repeated, repeated].map((payload) => ({ topic: 'appeals.received' as const, payload })),
      { topic: 'appeals.events', payload: aRoutedEvent(routedFirst, { unit: 'dorogi', topic: 'roads' }) },
    ]);
    await scenario.caughtUp();
    await produceRaw(testKafka.kafka, testKafka.names.of('appeals.events'), [{ key: routed.appealId, value: '{"type": "appeal.routed"}' }]);
    await publisher.publish([
      { topic: 'appeals.events', payload: aRoutedEvent(routed) },
      { topic: 'appeals.received', payload: routedFirst },
      { topic: 'appeals.events', payload: aTriagedEvent(triaged) },
      { topic: 'appeals.events', payload: aTriagedEvent(triagedThenRouted) },
      { topic: 'appeals.events', payload: aRoutedEvent(triagedThenRouted, { unit: 'zhkh', topic: 'housing' }) },
      { topic: 'appeals.events', payload: repeatedEvent },
      { topic: 'appeals.events', payload: repeatedEvent },
    ]);
    await scenario.caughtUp();

    const rebuilt = await scenario.buildRegistry();
    await rebuilt.service.start();
    await scenario.caughtUp(rebuilt);

    const live = await readModelOf(scenario.registry);
    expect(Object.values(live).map(({ status }) => status.status)).toEqual(['routed', 'routed', 'triage', 'routed', 'received', 'routed']);
    expect(live[repeated.appealId]?.history.history).toHaveLength(2);
    expect(await readModelOf(rebuilt)).toEqual(live);

    async function readModelOf(registry: RunningRegistry) {
      const entries = await Promise.all(
        appeals.map(async ({ appealId }) => [appealId, { status: await statusOf(registry, appealId), history: await historyOf(registry, appealId) }] as const),
      );
      return Object.fromEntries(entries);
    }
  });
});
