import { AppealReceived } from '@priemnaya/contracts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { aSubmission, postAppeal, startIngestScenarioEach, type Acknowledgement, type ErrorResponse, type IngestContext } from './support/ingest-harness.js';
import { startRegistryStub, type RegistryStub } from './support/registry-stub.js';

interface RejectedCase {
  condition: string;
  body: unknown;
  headers?: Record<string, string>;
  status: number;
  field: string;
}

const { author } = aSubmission('rejected');

const cases: RejectedCase[] = [
  { condition: 'the body is not valid JSON', body: '{"text": "Яма', headers: { 'content-type': 'application/json' }, status: 400, field: 'body' },
  { condition: 'the text is missing', body: { author }, status: 400, field: 'text' },
  { condition: 'the author gives neither e-mail nor phone', body: aSubmission('no contact', { author: { name: 'Иванов Иван' } }), status: 400, field: 'author.email' },
  { condition: 'the text is a number', body: { ...aSubmission('number'), text: 5 }, status: 400, field: 'text' },
  { condition: 'the body has an unknown field', body: { ...aSubmission('unknown'), colour: 'red' }, status: 400, field: 'colour' },
  { condition: 'the Idempotency-Key has spaces', body: aSubmission('bad key'), headers: { 'idempotency-key': 'two words' }, status: 400, field: 'Idempotency-Key' },
  { condition: 'the body is over 64 KiB', body: aSubmission('large', { text: 'я'.repeat(40_000) }), status: 413, field: 'body' },
];

describe.concurrent('POST /v1/appeals', () => {
  let registry: RegistryStub;

  beforeAll(async () => {
    registry = await startRegistryStub();
  });
  afterAll(() => registry.close());
  beforeEach<IngestContext>(startIngestScenarioEach(() => registry.url));
  afterEach<IngestContext>(({ teardown }) => teardown.run());

  for (const { condition, body, headers, status, field } of cases) {
    it<IngestContext>(`when ${condition}, answers ${status} naming ${field} and publishes nothing`, async ({ scenario, expect }) => {
      const response = await postAppeal(scenario.ingest.app, body, headers);

      expect(response.statusCode).toBe(status);
      const error = response.json<ErrorResponse>();
      expect(error.fields?.map((fault) => fault.field)).toContain(field);
      expect(error.message).toContain(field);

      // The appeal accepted after the rejected one has the first number and is the only one on the topic.
      const accepted = (await postAppeal(scenario.ingest.app, aSubmission('accepted'))).json<Acknowledgement>();
      expect(accepted.registrationNumber).toMatch(/^00001\//);
      await scenario.received.waitForAppeal(accepted.id);
      await scenario.received.readToEnd();
      expect(scenario.received.messages.map((message) => AppealReceived.parse(message.value).appealId)).toEqual([accepted.id]);
    });
  }
});
