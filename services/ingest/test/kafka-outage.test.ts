import { AppealReceived, createTopicNames } from '@priemnaya/contracts';
import { PUBLISH_RETRY } from '../src/app.js';
import { createKafka, ensureTopics, type Kafka } from '@priemnaya/kafka';
import { collectTopics, createTeardown, silentLogger, startPrivateKafka, uniqueName, waitFor, type PrivateKafka } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSubmission, dropDatabase, postAppeal, startIngest, type Acknowledgement, type ErrorResponse, type RunningIngest } from './support/ingest-harness.js';
import { startRegistryStub } from './support/registry-stub.js';

describe('POST /v1/appeals while Kafka is down', () => {
  const teardown = createTeardown();
  const names = createTopicNames(`${uniqueName('outage')}.`);
  const topic = names.of('appeals.received');
  let broker: PrivateKafka;
  let kafka: Kafka;
  let ingest: RunningIngest;

  beforeAll(async () => {
    broker = teardown.add(await startPrivateKafka(), (it) => it.remove());
    // The client as runService builds it, so the refusal comes after the same retries as in production.
    kafka = createKafka({ brokers: broker.brokers, clientId: 'ingest-outage-test', logger: silentLogger, retry: PUBLISH_RETRY });
    // Ingest reads appeals.events too: which appeals were answered on the merits (59-FZ art. 11 part 5).
    const events = names.of('appeals.events');
    await ensureTopics(kafka, [topic, names.deadLetter(topic), events].map((name) => ({ name, partitions: 2 })));
    const registry = teardown.add(await startRegistryStub(), (it) => it.close());
    const dbName = teardown.add(uniqueName('ingest-outage'), dropDatabase);
    ingest = teardown.add(await startIngest({ kafka, names, dbName, registryUrl: registry.url }), (it) => it.close());
  });
  afterAll(() => teardown.run());

  it('answers 503 with Retry-After, and once Kafka is back accepts appeals without publishing the refused one', { timeout: 180_000 }, async () => {
    await broker.stop();

    const refused = await postAppeal(ingest.app, aSubmission('refused while Kafka is down'));

    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.json<ErrorResponse>().code).toBe('unavailable');

    await broker.start();
    // A client retries with its idempotency key until Kafka takes the appeal: one appeal, however many tries.
    const key = uniqueName('key');
    const accepted = await waitFor(
      async () => {
        const response = await postAppeal(ingest.app, aSubmission('accepted after the outage'), { 'idempotency-key': key });
        return response.statusCode === 202 ? response.json<Acknowledgement>() : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500, description: 'ingest to accept an appeal after Kafka restarted' },
    );

    const received = teardown.add(await collectTopics(kafka, [topic]), (it) => it.stop());
    await received.waitForAppeal(accepted.id);
    await received.readToEnd();
    expect(received.messages.map((message) => AppealReceived.parse(message.value).appealId)).toEqual([accepted.id]);
  });
});
