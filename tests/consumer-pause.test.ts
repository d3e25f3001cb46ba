import { createPublisher, ensureTopics, startConsumer, type PausableConsumer } from '@priemnaya/kafka';
import { aStageAlert, createTestKafka, testInfra, testLogger, uniqueName, waitFor, type TestKafka } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('a paused consumer', () => {
  let testKafka: TestKafka;
  let publisher: ReturnType<typeof createPublisher>;
  const consumers: PausableConsumer[] = [];
  const handled = { paused: [] as string[], witness: [] as string[] };

  async function consume(into: string[]): Promise<PausableConsumer> {
    const { kafka, names } = testKafka;
    const consumer = await startConsumer({
      kafka, names, groupId: uniqueName('pause'), logger: testLogger(), topics: ['control.alerts'],
      handlers: { 'control.alerts': async (alert) => void into.push(alert.alertId) },
    });
    consumers.push(consumer);
    await consumer.joined;
    return consumer;
  }

  beforeAll(async () => {
    const infra = testInfra();
    testKafka = await createTestKafka(infra, [], 'pause');
    const alerts = testKafka.names.of('control.alerts');
    await ensureTopics(testKafka.kafka, [alerts, testKafka.names.deadLetter(alerts)].map((name) => ({ name, partitions: 2, replicationFactor: infra.replicationFactor })));
    publisher = createPublisher({ kafka: testKafka.kafka, names: testKafka.names });
    await publisher.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await publisher?.disconnect();
    await testKafka?.dispose();
  });

  it('handles nothing until resumed, then every message once', async () => {
    const paused = await consume(handled.paused);
    await consume(handled.witness);
    const first = aStageAlert();
    await publisher.publish([{ topic: 'control.alerts', payload: first }]);
    await waitFor(() => handled.paused.length === 1 && handled.witness.length === 1);

    paused.pause();
    const later = [aStageAlert(), aStageAlert(), aStageAlert()];
    await publisher.publish(later.map((payload) => ({ topic: 'control.alerts' as const, payload })));
    // Another group has read them all by now; the paused one has not touched them.
    await waitFor(() => handled.witness.length === 4);
    expect(handled.paused).toEqual([first.alertId]);

    paused.resume();
    await waitFor(() => handled.paused.length === 4);
    expect(handled.paused[0]).toBe(first.alertId);
    expect(handled.paused.slice(1).sort()).toEqual(later.map((alert) => alert.alertId).sort());
  });
});
