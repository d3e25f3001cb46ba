import { createHttpServer } from '@priemnaya/http';
import { createPublisher, ensureTopics, startConsumer, type PausableConsumer } from '@priemnaya/kafka';
import { liveness } from '@priemnaya/observability';
import { aStageAlert, createTestKafka, silentLogger, testInfra, testLogger, uniqueName, waitFor, type TestKafka } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Liveness as progress on the real broker: a consumer whose handler never settles (a call nobody
 * times out) keeps the process answering HTTP, but /healthz turns 503 naming the consumer once
 * the message has been in hand past its bound, and 200 again when the handler is let go.
 */
describe('a consumer wedged on a message', () => {
  let testKafka: TestKafka;
  let publisher: ReturnType<typeof createPublisher>;
  let consumer: PausableConsumer | undefined;

  beforeAll(async () => {
    const infra = testInfra();
    testKafka = await createTestKafka(infra, [], 'liveness');
    const alerts = testKafka.names.of('control.alerts');
    await ensureTopics(testKafka.kafka, [alerts, testKafka.names.deadLetter(alerts)].map((name) => ({ name, partitions: 1, replicationFactor: infra.replicationFactor })));
    publisher = createPublisher({ kafka: testKafka.kafka, names: testKafka.names });
    await publisher.connect();
  });

  afterAll(async () => {
    await consumer?.stop();
    await publisher?.disconnect();
    await testKafka?.dispose();
  });

  it('fails /healthz naming the consumer while the message is held past the bound, and passes again once it is done', async () => {
    const { kafka, names } = testKafka;
    const groupId = uniqueName('wedged');
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    consumer = await startConsumer({
      kafka, names, groupId, logger: testLogger(), topics: ['control.alerts'], livenessBoundMs: 2_000,
      handlers: {
        'control.alerts': async (alert) => {
          await released;
          handled.push(alert.alertId);
        },
      },
    });
    await consumer.joined;
    const http = createHttpServer({ logger: silentLogger });
    await http.ready();
    try {
      expect((await http.inject({ url: '/healthz' })).statusCode).toBe(200);
      const alert = aStageAlert();
      await publisher.publish([{ topic: 'control.alerts', payload: alert }]);

      const stuck = await waitFor(
        async () => {
          const answer = await http.inject({ url: '/healthz' });
          return answer.statusCode === 503 ? answer.json<{ status: string; stuck: { loop: string; boundSeconds: number }[] }>() : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 250, description: '/healthz to answer 503 for the wedged consumer' },
      );
      expect(stuck.status).toBe('stuck');
      expect(stuck.stuck).toContainEqual(expect.objectContaining({ loop: `consume ${groupId}`, boundSeconds: 2 }));
      expect(liveness.stuck().map(({ loop }) => loop)).toContain(`consume ${groupId}`);

      release();
      await waitFor(() => handled.includes(alert.alertId), { description: 'the held message handled once let go' });
      expect((await http.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      release();
      await http.close();
    }
  });
});
