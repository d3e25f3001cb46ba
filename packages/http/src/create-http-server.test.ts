import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
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
