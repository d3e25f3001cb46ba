import type { ControlAlert } from '@priemnaya/contracts';
import { connectDatabase, createBatchedInserts, isDuplicateKeyError } from '@priemnaya/database';
import { createPublisher, ensureTopics } from '@priemnaya/kafka';
import { aStageAlert, collectTopics, createTeardown, createTestKafka, startPrivateKafka, testInfra, uniqueName, waitFor } from '@priemnaya/testing';
import { afterAll, describe, expect, it } from 'vitest';

/** Group commit on the real broker and database: many callers, few requests, each caller's own outcome. */
describe('group commit', () => {
  const teardown = createTeardown();
  afterAll(() => teardown.run(), 120_000);

  it('concurrent inserts share requests; a taken key fails only its own caller, the others are stored', async () => {
    const database = teardown.add(await connectDatabase(testInfra().mongoUrl, uniqueName('batched').replace(/[^a-z0-9_]/gi, '_')), async (it) => {
      await it.db.dropDatabase();
      await it.close();
    });
    const inserted: number[] = [];
    database.client.on('commandStarted', (event) => {
      if (event.commandName === 'insert') inserted.push((event.command.documents as unknown[]).length);
    });
    const collection = database.db.collection<{ _id: string; n: number }>('things');
    await collection.insertOne({ _id: 'taken', n: 0 });
    const inserts = createBatchedInserts(collection);

    const outcomes = await Promise.all(
      [...Array.from({ length: 30 }, (_, n) => ({ _id: `thing-${n}`, n })), { _id: 'taken', n: 99 }].map((document) =>
        inserts.insert(document).then(() => 'stored', (error: unknown) => (isDuplicateKeyError(error) ? 'duplicate' : String(error))),
      ),
    );

    expect(outcomes.filter((outcome) => outcome === 'stored')).toHaveLength(30);
    expect(outcomes.at(-1)).toBe('duplicate');
    expect(await collection.countDocuments({})).toBe(31);
    expect((await collection.findOne({ _id: 'taken' }))?.n).toBe(0);
    // The first caller's document goes at once; those of the same turn go with it or in the next request.
    expect(inserted.length).toBeLessThanOrEqual(3);
    expect(inserted.reduce((a, b) => a + b, 0)).toBe(32);
  });

  it('concurrent publishes share produce requests and each caller resolves once the broker has its messages', async () => {
    const infra = testInfra();
    const testKafka = teardown.add(await createTestKafka(infra, [], 'group'), (it) => it.dispose());
    const topic = testKafka.names.of('control.alerts');
    await ensureTopics(testKafka.kafka, [{ name: topic, partitions: 2, replicationFactor: infra.replicationFactor }]);
    const publisher = teardown.add(createPublisher({ kafka: testKafka.kafka, names: testKafka.names }), (it) => it.disconnect());
    await publisher.connect();
    const collector = teardown.add(await collectTopics(testKafka.kafka, [topic]), (it) => it.stop());

    const alerts = Array.from({ length: 200 }, aStageAlert);
    await Promise.all(alerts.map((alert) => publisher.publish([{ topic: 'control.alerts', payload: alert }])));
    await waitFor(async () => (await collector.readToEnd(), collector.messages.length >= 200), { description: 'the 200 alerts on the topic' });
    expect(new Set(collector.messages.map((message) => (message.value as ControlAlert).alertId))).toEqual(new Set(alerts.map((alert) => alert.alertId)));
    expect(collector.messages).toHaveLength(200);
  });

  it('a caller whose deadline passes while its messages still wait is told 503 and they are never sent', async () => {
    const server = teardown.add(await startPrivateKafka(), (it) => it.remove());
    const testKafka = await createTestKafka({ ...testInfra(), kafkaBrokers: server.brokers, replicationFactor: 1 }, [], 'withdrawn');
    const topic = testKafka.names.of('control.alerts');
    await ensureTopics(testKafka.kafka, [{ name: topic, partitions: 1, replicationFactor: 1 }]);
    const publisher = teardown.add(createPublisher({ kafka: testKafka.kafka, names: testKafka.names, deadlineMs: 2_000, retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 } }), (it) =>
      it.disconnect().catch(() => undefined),
    );
    await publisher.connect();

    await server.freeze();
    // The first goes to the frozen broker and holds the line; the second waits behind it.
    const first = publisher.publish([{ topic: 'control.alerts', payload: aStageAlert() }]).then(() => 'sent', (error: unknown) => error);
    // After its turn of the event loop, so it is not in the same request.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const queued = aStageAlert();
    const second = publisher.publish([{ topic: 'control.alerts', payload: queued }]).then(() => 'sent', (error: unknown) => error);
    const withdrawn = await second;
    expect(withdrawn).toMatchObject({ name: 'UnavailableError', retriable: true });
    expect(String((withdrawn as Error).message)).toContain('(not sent)');
    expect(await first).toMatchObject({ name: 'UnavailableError' });

    await server.thaw();
    const later = aStageAlert();
    await publisher.publish([{ topic: 'control.alerts', payload: later }]);
    const collector = teardown.add(await collectTopics(testKafka.kafka, [topic]), (it) => it.stop());
    await waitFor(async () => (await collector.readToEnd(), collector.messages.some((message) => (message.value as ControlAlert).alertId === later.alertId)), { description: 'the later alert' });
    expect(collector.messages.map((message) => (message.value as ControlAlert).alertId)).not.toContain(queued.alertId);
  });
});
