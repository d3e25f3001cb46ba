import { AppealReceived, parseRegistrationNumber } from '@priemnaya/contracts';
import { startTelemetry, type Telemetry } from '@priemnaya/observability';
import { uniqueName, waitFor } from '@priemnaya/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import {
  aSubmission,
  cityYear,
  postAppeal,
  startIngest,
  startIngestScenarioEach,
  type Acknowledgement,
  type ErrorResponse,
  type IngestContext,
} from './support/ingest-harness.js';
import { REGISTRATION_BLOCK_SIZE } from '../src/data-access/registration-counter.js';
import { startRegistryStub, type RegistryStub } from './support/registry-stub.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]$/;

describe.concurrent('POST /v1/appeals', () => {
  let telemetry: Telemetry;
  let registry: RegistryStub;

  beforeAll(async () => {
    // As runService does for every service: Kafka headers carry the trace context of the process's telemetry.
    telemetry = startTelemetry('ingest');
    registry = await startRegistryStub();
  });
  afterAll(async () => {
    await registry.close();
    await telemetry.shutdown();
  });
  beforeEach<IngestContext>(startIngestScenarioEach(() => registry.url));
  afterEach<IngestContext>(({ teardown }) => teardown.run());

  it<IngestContext>('when the appeal is valid, acknowledges it with a registration number and publishes it to appeals.received', async ({ scenario, expect }) => {
    const submission = aSubmission('valid');
    const response = await postAppeal(scenario.ingest.app, submission);

    expect(response.statusCode).toBe(202);
    const acknowledgement = response.json<Acknowledgement>();
    expect(acknowledgement).toEqual({ id: expect.stringMatching(UUID) as string, registrationNumber: `00001/${cityYear()}`, status: 'received' });
    expect(response.headers.location).toBe(`/v1/appeals/${acknowledgement.id}`);
    expect(response.headers['idempotent-replayed']).toBe('false');

    const [message] = await scenario.received.waitForAppeal(acknowledgement.id);
    const appeal = AppealReceived.parse(message?.value);
    expect(appeal).toMatchObject({
      appealId: acknowledgement.id,
      registrationNumber: acknowledgement.registrationNumber,
      channel: 'site',
      text: submission.text,
      author: submission.author,
    });
    expect(message?.key).toBe(acknowledgement.id);
    expect(message?.headers.traceparent).toMatch(TRACEPARENT);
  });

  it<IngestContext>('when the idempotency key repeats with the same appeal, returns the first registration and publishes it once', async ({ scenario, expect }) => {
    const submission = aSubmission('repeated');
    const key = uniqueName('key');
    const first = await postAppeal(scenario.ingest.app, submission, { 'idempotency-key': key });
    const repeat = await postAppeal(scenario.ingest.app, submission, { 'idempotency-key': key });

    expect(first.statusCode).toBe(202);
    expect(repeat.statusCode).toBe(202);
    expect(repeat.json<Acknowledgement>()).toEqual(first.json<Acknowledgement>());
    expect(first.headers['idempotent-replayed']).toBe('false');
    expect(repeat.headers['idempotent-replayed']).toBe('true');

    // A later appeal arriving, and the topic read to its end, make the count final.
    const later = (await postAppeal(scenario.ingest.app, aSubmission('later'))).json<Acknowledgement>();
    await scenario.received.waitForAppeal(later.id);
    await scenario.received.readToEnd();
    expect(scenario.received.ofAppeal(first.json<Acknowledgement>().id)).toHaveLength(1);
    expect(scenario.received.messages).toHaveLength(2);
  });

  it<IngestContext>('when two requests with the same new idempotency key arrive at once, both get one registration and every message of it is the same appeal', async ({ scenario, expect }) => {
    const submission = aSubmission('concurrent repeat');
    const key = uniqueName('key');
    const [first, second] = await Promise.all([
      postAppeal(scenario.ingest.app, submission, { 'idempotency-key': key }),
      postAppeal(scenario.ingest.app, submission, { 'idempotency-key': key }),
    ]);

    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    const acknowledgement = first.json<Acknowledgement>();
    expect(second.json<Acknowledgement>()).toEqual(acknowledgement);

    // Both requests may publish (a documented race); consumers deduplicate by appeal id, so what
    // matters is that every copy is the same appeal with the same number.
    const later = (await postAppeal(scenario.ingest.app, aSubmission('after the race'))).json<Acknowledgement>();
    await scenario.received.waitForAppeal(later.id);
    await scenario.received.readToEnd();
    const copies = scenario.received.ofAppeal(acknowledgement.id).map((message) => AppealReceived.parse(message.value));
    expect(copies.length).toBeGreaterThanOrEqual(1);
    for (const copy of copies) expect(copy.registrationNumber).toBe(acknowledgement.registrationNumber);
    expect(new Set(scenario.received.messages.map((message) => AppealReceived.parse(message.value).appealId))).toEqual(
      new Set([acknowledgement.id, later.id]),
    );
  });

  it<IngestContext>('when the idempotency key repeats with a different appeal, answers 422 naming Idempotency-Key', async ({ scenario, expect }) => {
    const key = uniqueName('key');
    const first = await postAppeal(scenario.ingest.app, aSubmission('first'), { 'idempotency-key': key });
    const reused = await postAppeal(scenario.ingest.app, aSubmission('different'), { 'idempotency-key': key });

    expect(first.statusCode).toBe(202);
    expect(reused.statusCode).toBe(422);
    const error = reused.json<ErrorResponse>();
    expect(error.fields?.map((field) => field.field)).toEqual(['Idempotency-Key']);
    expect(error.message).toContain('Idempotency-Key');
  });

  it<IngestContext>('when two instances register appeals concurrently, gives each a distinct number from a block of its own, and a restarted one reuses none', async ({ scenario, teardown, expect }) => {
    const { testKafka, dbName, ingest } = scenario;
    const second = teardown.add(
      await startIngest({ kafka: testKafka.kafka, names: testKafka.names, dbName, registryUrl: registry.url }),
      (it) => it.close(),
    );
    const instances = [ingest.app, second.app];

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => postAppeal(instances[index % 2]!, aSubmission(`concurrent ${index}`))),
    );

    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(202));
    const acknowledgements = responses.map((response) => response.json<Acknowledgement>());
    const sequenceOf = (ack: Acknowledgement) => parseRegistrationNumber(ack.registrationNumber).sequence;
    expect(new Set(acknowledgements.map(sequenceOf)).size).toBe(20);
    expect(new Set(acknowledgements.map((ack) => ack.id)).size).toBe(20);
    // Each instance issues its ten from its own block of REGISTRATION_BLOCK_SIZE, one after another.
    const blocks = [0, 1].map((instance) => acknowledgements.filter((_, index) => index % 2 === instance).map(sequenceOf).sort((a, b) => a - b));
    const firsts = blocks.map((sequences) => sequences[0]!).sort((a, b) => a - b);
    expect(firsts).toEqual([1, REGISTRATION_BLOCK_SIZE + 1]);
    for (const sequences of blocks) expect(sequences).toEqual(Array.from({ length: 10 }, (_, index) => sequences[0]! + index));

    // A third instance on the same database (a replica restarted) starts past every reserved block.
    const third = teardown.add(await startIngest({ kafka: testKafka.kafka, names: testKafka.names, dbName, registryUrl: registry.url }), (it) => it.close());
    const next = (await postAppeal(third.app, aSubmission('after the burst'))).json<Acknowledgement>();
    expect(sequenceOf(next)).toBe(2 * REGISTRATION_BLOCK_SIZE + 1);

    await waitFor(() => scenario.received.messages.length >= 21, { description: '21 appeals on appeals.received' });
    const published = new Map(scenario.received.messages.map((message) => {
      const appeal = AppealReceived.parse(message.value);
      return [appeal.appealId, appeal.registrationNumber] as const;
    }));
    for (const ack of [...acknowledgements, next]) expect(published.get(ack.id)).toBe(ack.registrationNumber);
  });
});
