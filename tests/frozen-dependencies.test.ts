import { connectDatabase } from '@priemnaya/database';
import { isRetriable } from '@priemnaya/errors';
import { createPublisher, ensureTopics } from '@priemnaya/kafka';
import { aStageAlert, createTeardown, createTestKafka, startPrivateDatabase, startPrivateKafka, testInfra } from '@priemnaya/testing';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * A server that froze (SIGSTOP: the kernel still accepts connections, nothing is ever answered)
 * is the case a restart does not show: a call with no bound of its own waits for ever. Each call
 * to the database and each publish must fail instead, as a retriable error that says what it was,
 * and work again once the server answers.
 */
describe('calls to a frozen dependency', () => {
  const teardown = createTeardown();
  afterAll(() => teardown.run(), 120_000);

  it('a database call fails as a retriable error naming the command, and the same client works once the server is thawed', async () => {
    const server = teardown.add(await startPrivateDatabase(), (it) => it.remove());
    const database = teardown.add(await connectDatabase(server.mongoUrl, 'frozen_probe'), (it) => it.close());
    const appeals = database.db.collection<{ _id: string; n: number }>('appeals');
    await appeals.insertOne({ _id: 'before', n: 1 });

    await server.freeze();
    const failures = await Promise.all([
      appeals.insertOne({ _id: 'while-frozen', n: 2 }).then(() => undefined, (error: unknown) => error),
      appeals.findOne({ _id: 'before' }).then(() => undefined, (error: unknown) => error),
    ]);
    for (const failure of failures) {
      expect(failure, 'a call to the frozen database').toBeInstanceOf(Error);
      expect(isRetriable(failure), `retriable: ${String(failure)}`).toBe(true);
    }
    expect(failures.map((failure) => (failure as { operation?: string }).operation)).toContain('insert on frozen_probe');
    expect(await database.ping()).toBe(false);

    await server.thaw();
    expect(await database.ping()).toBe(true);
    await appeals.insertOne({ _id: 'after', n: 3 });
    expect((await appeals.findOne({ _id: 'after' }))?.n).toBe(3);
  });

  it('a publish with a deadline fails as UnavailableError naming the topic, and the publisher sends again once the broker is thawed', async () => {
    const server = teardown.add(await startPrivateKafka(), (it) => it.remove());
    const infra = { ...testInfra(), kafkaBrokers: server.brokers, replicationFactor: 1 };
    const testKafka = await createTestKafka(infra, [], 'frozen');
    const topic = testKafka.names.of('control.alerts');
    await ensureTopics(testKafka.kafka, [{ name: topic, partitions: 1, replicationFactor: 1 }]);
    const publisher = teardown.add(createPublisher({ kafka: testKafka.kafka, names: testKafka.names, deadlineMs: 3_000, retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 } }), (it) =>
      it.disconnect().catch(() => undefined),
    );
    await publisher.publish([{ topic: 'control.alerts', payload: aStageAlert() }]);

    await server.freeze();
    const failure = await publisher.publish([{ topic: 'control.alerts', payload: aStageAlert() }]).then(() => undefined, (error: unknown) => error);
    expect(failure).toMatchObject({ name: 'UnavailableError', retriable: true });
    expect(String((failure as Error).message)).toContain(topic);

    await server.thaw();
    await publisher.publish([{ topic: 'control.alerts', payload: aStageAlert() }]);
  });
});
