import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLiveness } from '@priemnaya/observability';
import { createHttpServer, type ErrorBody } from './create-http-server.js';

async function aServer() {
  const app = createHttpServer({ logger: pino({ level: 'silent' }) });
  app.post('/v1/things', async (request) => ({ got: typeof request.body }));
  app.post('/v1/forms', { config: { accepts: ['application/json', 'multipart/form-data'] } }, async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('createHttpServer: media types', () => {
  it('a text/plain body on a JSON route answers 415 naming content-type and application/json, not 400 about the body', async () => {
    const app = await aServer();
    const response = await app.inject({ method: 'POST', url: '/v1/things', payload: '{"a":1}', headers: { 'content-type': 'text/plain; charset=utf-8' } });

    expect(response.statusCode).toBe(415);
    expect(response.json<ErrorBody>()).toEqual({
      statusCode: 415,
      code: 'unsupported_media_type',
      message: 'content-type: text/plain is not accepted; must be one of application/json',
      fields: [{ field: 'content-type', message: 'must be one of application/json' }],
    });
    await app.close();
  });

  it('a route that names its types refuses any other before reading the body, naming them all, and takes its own', async () => {
    const app = await aServer();
    const xml = await app.inject({ method: 'POST', url: '/v1/forms', payload: '<a/>', headers: { 'content-type': 'application/xml' } });
    const untyped = await app.inject({ method: 'POST', url: '/v1/forms', payload: Buffer.from('{}') });
    const json = await app.inject({ method: 'POST', url: '/v1/forms', payload: { a: 1 } });

    expect(xml.statusCode).toBe(415);
    expect(xml.json<ErrorBody>().message).toBe('content-type: application/xml is not accepted; must be one of application/json, multipart/form-data');
    expect(untyped.statusCode).toBe(415);
    expect(untyped.json<ErrorBody>().message).toBe('content-type: is required with a body; must be one of application/json, multipart/form-data');
    expect(json.statusCode).toBe(200);
    await app.close();
  });

  it('malformed JSON is still the body’s fault: 400 naming body', async () => {
    const app = await aServer();
    const response = await app.inject({ method: 'POST', url: '/v1/things', payload: '{oops', headers: { 'content-type': 'application/json' } });

    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().fields).toEqual([{ field: 'body', message: expect.any(String) as string }]);
    await app.close();
  });
});

describe('createHttpServer: /healthz and /readyz', () => {
  it('/healthz answers 200 while loops wait or move, and 503 naming the loop that holds work past its bound', async () => {
    let clock = 0;
    const liveness = createLiveness({ now: () => clock });
    const app = createHttpServer({ logger: pino({ level: 'silent' }), liveness });
    const poller = liveness.watch('poll platform', { boundMs: 60_000 });
    const consumer = liveness.watch('consume appeals.events', { boundMs: 60_000 });
    await app.ready();

    consumer.begin();
    clock += 30_000;
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const page = poller.begin();
    clock += 31_000;
    const stuck = await app.inject({ url: '/healthz' });
    expect(stuck.statusCode).toBe(503);
    expect(stuck.json()).toEqual({ status: 'stuck', stuck: [{ loop: 'consume appeals.events', stuckForSeconds: 61, boundSeconds: 60 }] });
    page.end();
    consumer.close();
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });

  it('/readyz answers within its bound when a check never settles, and is ready again as soon as a new check answers', async () => {
    let frozen = true;
    const app = createHttpServer({
      logger: pino({ level: 'silent' }),
      readinessChecks: { database: () => (frozen ? new Promise<boolean>(() => {}) : true) },
    });
    await app.ready();
    for (let probe = 0; probe < 3; probe++) {
      const answer = await app.inject({ url: '/readyz' });
      expect(answer.statusCode).toBe(503);
      expect(answer.json()).toEqual({ status: 'not ready', checks: { database: false } });
    }
    frozen = false;
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: true } });
    await app.close();
  });
});
