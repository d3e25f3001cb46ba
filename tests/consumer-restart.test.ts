import { createCrashRestarter, createKafka, ensureTopics, isBrokerAway } from '@priemnaya/kafka';
import { createTeardown, deleteTopics, silentLogger, testInfra, uniqueName, waitFor } from '@priemnaya/testing';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * kafkajs stops a consumer for good after a crash it deems final. The crash restarter starts one
 * whose crash was the broker being away again: this checks, on the real broker, that a consumer
 * kafkajs gave up on can be run again with its subscription, joins its group and reads on from
 * the committed offset, so the message that crashed it is handled once it runs again.
 */
describe('createCrashRestarter', () => {
  const teardown = createTeardown();
  afterAll(() => teardown.run(), 60_000);

  it('when a consumer crashes for good because no group coordinator was found, runs it again and it handles the message it crashed on', async () => {
    const infra = testInfra();
    const prefix = `${uniqueName('restart')}.`;
    const topic = `${prefix}input`;
    const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: 'consumer-restart-test', logger: silentLogger });
    await ensureTopics(kafka, [{ name: topic, partitions: 1, replicationFactor: infra.replicationFactor }]);
    teardown.add(prefix, (it) => deleteTopics(kafka, it));
    const producer = kafka.producer();
    await producer.connect();
    teardown.add(producer, (it) => it.disconnect());
    await producer.send({ topic, messages: [{ value: 'first' }, { value: 'second' }] });

    const consumer = kafka.consumer({ groupId: `${prefix}group`, retry: { retries: 0 } });
    const crashes: { restart: boolean; brokerAway: boolean }[] = [];
    const handled: string[] = [];
    let failOnce = true;
    const run = () =>
      consumer.run({
        eachMessage: async ({ message }) => {
          const value = message.value?.toString() ?? '';
          if (value === 'second' && failOnce) {
            failOnce = false;
            // What kafkajs throws when the broker is going away as a consumer joins or commits.
            throw Object.assign(new Error('Failed to find group coordinator'), { name: 'KafkaJSGroupCoordinatorNotFound', retriable: false });
          }
          handled.push(value);
        },
      });
    const restarter = createCrashRestarter({ consumer, run, groupId: `${prefix}group`, logger: silentLogger, initialDelayMs: 200 });
    teardown.add(consumer, async (it) => {
      restarter.cancel();
      await it.disconnect();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      crashes.push({ restart: payload.restart, brokerAway: isBrokerAway(payload.error) });
      if (!payload.restart && isBrokerAway(payload.error)) restarter.schedule();
    });
    consumer.on(consumer.events.GROUP_JOIN, () => restarter.joined());

    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await run();

    await waitFor(() => handled.includes('second'), { timeoutMs: 60_000, description: 'the second message handled after the restart' });
    expect(crashes).toEqual([{ restart: false, brokerAway: true }]);
    // 'first' was committed before the crash, so it is not read again.
    expect(handled).toEqual(['first', 'second']);
  }, 120_000);
});
