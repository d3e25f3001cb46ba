import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { aSubmission, postAppeal, startIngestScenarioEach, type Acknowledgement, type ErrorResponse, type IngestContext, type IngestScenario } from './support/ingest-harness.js';
import { startRegistryStub, type RegistryStub } from './support/registry-stub.js';

describe.concurrent('GET /v1/appeals/{id}', () => {
  let registry: RegistryStub;

  beforeAll(async () => {
    registry = await startRegistryStub();
  });
  afterAll(() => registry.close());
  beforeEach<IngestContext>(startIngestScenarioEach(() => registry.url));
  afterEach<IngestContext>(({ teardown }) => teardown.run());


  it<IngestContext>('when no service knows the id, answers 404 naming id', async ({ scenario, expect }) => {
    const response = await getAppeal(scenario, randomUUID());

    expect(response.statusCode).toBe(404);
    const error = response.json<ErrorResponse>();
    expect(error.fields?.map((fault) => fault.field)).toEqual(['id']);
    expect(error.message).toContain('id');
  });

  it<IngestContext>('when the id is not a uuid, answers 400 naming id', async ({ scenario, expect }) => {
    const response = await getAppeal(scenario, 'not-a-uuid');

    expect(response.statusCode).toBe(400);
    const error = response.json<ErrorResponse>();
    expect(error.fields?.map((fault) => fault.field)).toEqual(['id']);
    expect(error.message).toContain('id');
  });

  it<IngestContext>('when the registry has not seen an acknowledged appeal yet, answers received', async ({ scenario, expect }) => {
    const acknowledgement = (await postAppeal(scenario.ingest.app, aSubmission('not in the registry yet'))).json<Acknowledgement>();

    const response = await getAppeal(scenario, acknowledgement.id);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: acknowledgement.id,
      registrationNumber: acknowledgement.registrationNumber,
      status: 'received',
      description: 'Обращение зарегистрировано',
      receivedAt: expect.any(String) as string,
      updatedAt: expect.any(String) as string,
    });
  });

  it<IngestContext>('when the registry has routed the appeal, passes its status and unit through without personal data', async ({ scenario, expect }) => {
    const submission = aSubmission('routed');
    const acknowledgement = (await postAppeal(scenario.ingest.app, submission)).json<Acknowledgement>();
    const status = {
      id: acknowledgement.id,
      registrationNumber: acknowledgement.registrationNumber,
      status: 'routed' as const,
      unit: 'zhkh',
      topic: 'housing' as const,
      receivedAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T09:00:05.000Z',
    };
    // Personal data the registry might answer with by mistake must not reach the public answer.
    registry.statuses.set(acknowledgement.id, { ...status, author: submission.author, text: submission.text });

    const response = await getAppeal(scenario, acknowledgement.id);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ...status, description: 'Обращение передано исполнителю' });
    expect(response.body).not.toContain(submission.author.email);
    expect(response.body).not.toContain(submission.text);
  });
});

function getAppeal({ ingest }: IngestScenario, id: string) {
  return ingest.app.inject({ method: 'GET', url: `/v1/appeals/${id}` });
}
