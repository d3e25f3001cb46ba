import { AppealReceived } from '@priemnaya/contracts';
import { createTeardown, createTestKafka, collectTopics, uniqueName } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { aSubmission, dropDatabase, infra, postAppeal, startIngest, type Acknowledgement, type ErrorResponse } from './support/ingest-harness.js';
import { startRegistryStub, type RegistryStub } from './support/registry-stub.js';

describe('the public edge of ingest', () => {
  let registry: RegistryStub;
  beforeAll(async () => {
    registry = await startRegistryStub();
  });
  afterAll(() => registry.close());

  it('when one client sends more than its limit a minute, answers 429 with Retry-After naming client, and publishes nothing for it', async ({ expect, onTestFinished }) => {
    const teardown = createTeardown();
    onTestFinished(() => teardown.run());
    const testKafka = teardown.add(await createTestKafka(infra, [], 'ingest'), (it) => it.dispose());
    const dbName = teardown.add(uniqueName('ingest'), dropDatabase);
    const ingest = teardown.add(
      await startIngest({ kafka: testKafka.kafka, names: testKafka.names, dbName, registryUrl: registry.url, rateLimitPerMinute: 2 }),
      (it) => it.close(),
    );
    const received = teardown.add(await collectTopics(testKafka.kafka, [testKafka.names.of('appeals.received')]), (it) => it.stop());

    const first = await postAppeal(ingest.app, aSubmission('first'));
    const second = await postAppeal(ingest.app, aSubmission('second'));
    const third = await postAppeal(ingest.app, aSubmission('third'));
    const probe = await ingest.app.inject({ method: 'GET', url: '/readyz' });

    expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([202, 202, 429]);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(third.json<ErrorResponse>()).toMatchObject({ statusCode: 429, code: 'rate_limited', fields: [{ field: 'client' }] });
    expect(probe.statusCode).toBe(200);
    await received.readToEnd();
    const published = received.messages.map((message) => AppealReceived.parse(message.value).appealId);
    expect(published.sort()).toEqual([first.json<Acknowledgement>().id, second.json<Acknowledgement>().id].sort());
  });

  it('serves an OpenAPI 3.1 document at /docs/json that documents the site form with its schemas, and the reference at /docs', async ({ expect, onTestFinished }) => {
    const teardown = createTeardown();
    onTestFinished(() => teardown.run());
    const testKafka = teardown.add(await createTestKafka(infra, [], 'ingest'), (it) => it.dispose());
    const dbName = teardown.add(uniqueName('ingest'), dropDatabase);
    const ingest = teardown.add(await startIngest({ kafka: testKafka.kafka, names: testKafka.names, dbName, registryUrl: registry.url }), (it) => it.close());

    const document = (await ingest.app.inject({ method: 'GET', url: '/docs/json' })).json<OpenApiDocument>();
    const page = await ingest.app.inject({ method: 'GET', url: '/docs/' });

    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/appeals', '/v1/appeals/{id}', '/v1/appeals/{id}/history']));
    const submit = document.paths['/v1/appeals']?.post;
    expect(Object.keys(submit?.requestBody?.content ?? {})).toEqual(['application/json', 'multipart/form-data']);
    expect(Object.keys(submit?.responses ?? {})).toEqual(expect.arrayContaining(['202', '400', '413', '415', '422', '429', '503']));
    const submission = document.components?.schemas?.AppealSubmission;
    expect(submission?.required).toEqual(expect.arrayContaining(['text', 'author']));
    expect(submission?.additionalProperties).toBe(false);
    // Every documented path answers something other than "no such route".
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations)) {
        const url = path.replace('{id}', '00000000-0000-4000-8000-000000000000');
        const response = await ingest.app.inject({ method: method.toUpperCase() as 'GET', url });
        expect(response.json<ErrorResponse>().message ?? '', `${method} ${path}`).not.toMatch(/^no route/);
      }
    }
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('the public JSON routes of ingest under a body of another media type', () => {
  const SECRET = 'webhook-secret-of-the-media-type-test';
  let registry: RegistryStub;
  beforeAll(async () => {
    registry = await startRegistryStub();
  });
  afterAll(() => registry.close());

  async function startScenario(teardown: ReturnType<typeof createTeardown>) {
    const testKafka = teardown.add(await createTestKafka(infra, [], 'ingest'), (it) => it.dispose());
    const dbName = teardown.add(uniqueName('ingest'), dropDatabase);
    const ingest = teardown.add(
      await startIngest({
        kafka: testKafka.kafka,
        names: testKafka.names,
        dbName,
        registryUrl: registry.url,
        // Never called: every request here is refused before it is read.
        chat: { telegram: { botToken: '1:media-type-test', webhookSecret: SECRET, apiBaseUrl: 'http://127.0.0.1:9' } },
      }),
      (it) => it.close(),
    );
    const received = teardown.add(await collectTopics(testKafka.kafka, [testKafka.names.of('appeals.received')]), (it) => it.stop());
    return { ingest, received };
  }

  it('POST /v1/appeals with content-type text/plain answers 415 naming content-type and the accepted types (not 400), and publishes nothing', async ({ expect, onTestFinished }) => {
    const teardown = createTeardown();
    onTestFinished(() => teardown.run());
    const { ingest, received } = await startScenario(teardown);

    const response = await postAppeal(ingest.app, JSON.stringify(aSubmission('as text')), { 'content-type': 'text/plain' });

    expect(response.statusCode).toBe(415);
    expect(response.json<ErrorResponse>()).toEqual({
      statusCode: 415,
      code: 'unsupported_media_type',
      message: 'content-type: text/plain is not accepted; must be one of application/json, multipart/form-data',
      fields: [{ field: 'content-type', message: 'must be one of application/json, multipart/form-data' }],
    });
    await received.readToEnd();
    expect(received.messages).toHaveLength(0);
  });

  it('every public route that takes JSON answers 415 naming content-type and application/json for text/plain, a form or a multipart body', async ({ expect, onTestFinished }) => {
    const teardown = createTeardown();
    onTestFinished(() => teardown.run());
    const { ingest, received } = await startScenario(teardown);
    const routes = [
      { url: '/v1/chat/messages', headers: {} },
      { url: '/v1/telegram/webhook', headers: { 'x-telegram-bot-api-secret-token': SECRET } },
    ];
    const bodies = [
      { type: 'text/plain; charset=utf-8', payload: '{"text":"Не горит фонарь"}' },
      { type: 'application/x-www-form-urlencoded', payload: 'text=x' },
      { type: 'multipart/form-data; boundary=b', payload: '--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nx\r\n--b--\r\n' },
    ];

    for (const route of routes) {
      for (const body of bodies) {
        const response = await ingest.app.inject({ method: 'POST', url: route.url, payload: body.payload, headers: { ...route.headers, 'content-type': body.type } });
        expect(response.statusCode, `${route.url} ${body.type}`).toBe(415);
        expect(response.json<ErrorResponse>().fields, `${route.url} ${body.type}`).toEqual([{ field: 'content-type', message: 'must be one of application/json' }]);
      }
    }
    const form = await postAppeal(ingest.app, 'text=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.statusCode).toBe(415);
    await received.readToEnd();
    expect(received.messages).toHaveLength(0);
  });

  it('the OpenAPI document says 415 for every route of the public API that takes a body', async ({ expect, onTestFinished }) => {
    const teardown = createTeardown();
    onTestFinished(() => teardown.run());
    const { ingest } = await startScenario(teardown);

    const document = (await ingest.app.inject({ method: 'GET', url: '/docs/json' })).json<OpenApiDocument>();
    const withBodies = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.requestBody !== undefined)
        .map(([method, operation]) => ({ route: `${method} ${path}`, responses: Object.keys(operation.responses) })),
    );

    expect(withBodies.map(({ route }) => route)).toEqual(expect.arrayContaining(['post /v1/appeals', 'post /v1/chat/messages', 'post /v1/telegram/webhook']));
    for (const { route, responses } of withBodies) expect(responses, route).toContain('415');
  });
});

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; responses: Record<string, unknown> }>>;
  components?: { schemas?: Record<string, { required?: string[]; additionalProperties?: unknown }> };
}
