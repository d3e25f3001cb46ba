import { AppealReceived } from '@priemnaya/contracts';
import { collectTopics, createTeardown, createTestKafka, startPrivateDatabase, uniqueName, waitFor, type PrivateDatabase, type TestKafka } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSubmission, infra, postAppeal, startIngest, type Acknowledgement, type ErrorResponse, type RunningIngest } from './support/ingest-harness.js';
import { startRegistryStub } from './support/registry-stub.js';

describe('POST /v1/appeals while the database is down', () => {
  const teardown = createTeardown();
  let database: PrivateDatabase;
  let testKafka: TestKafka;
  let ingest: RunningIngest;

  beforeAll(async () => {
    database = teardown.add(await startPrivateDatabase(), (it) => it.remove());
    testKafka = teardown.add(await createTestKafka(infra, [], 'ingest-db-outage'), (it) => it.dispose());
    const registry = teardown.add(await startRegistryStub(), (it) => it.close());
    ingest = teardown.add(
      await startIngest({ ...testKafka, dbName: uniqueName('ingest').replace(/-/g, '_'), registryUrl: registry.url, mongoUrl: database.mongoUrl }),
      (it) => it.close(),
    );
  });
  afterAll(() => teardown.run());

  it('answers 503 with Retry-After and publishes nothing, and once the database is back accepts appeals', { timeout: 120_000 }, async () => {
    await database.stop();

    const refused = await postAppeal(ingest.app, aSubmission('refused while the database is down'));
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.json<ErrorResponse>().code).toBe('unavailable');

    await database.start();
    const key = uniqueName('key');
    const accepted = await waitFor(
      async () => {
        const response = await postAppeal(ingest.app, aSubmission('accepted after the outage'), { 'idempotency-key': key });
        return response.statusCode === 202 ? response.json<Acknowledgement>() : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'ingest to accept an appeal after the database restarted' },
    );

    const received = teardown.add(await collectTopics(testKafka.kafka, [testKafka.names.of('appeals.received')]), (it) => it.stop());
    await received.waitForAppeal(accepted.id);
    await received.readToEnd();
    expect(received.messages.map((message) => AppealReceived.parse(message.value).appealId)).toEqual([accepted.id]);
  });
});
