import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '@priemnaya/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../src/app.js';
import { createDeskClient } from '../src/data-access/desk-client.js';

/**
 * The console's own HTTP surface through its real server: the web application and its routes in
 * the browser, the desk routes' checks before anything is forwarded, and the same-origin
 * proxies, here to a stand-in upstream that echoes what it received and to a closed port.
 */
describe('the console’s HTTP surface', () => {
  let app: FastifyInstance;
  let base: string;
  let webRoot: string;
  let upstream: Server;
  const desk = createDeskClient('127.0.0.1:1', { registerMs: 1_000, lookupMs: 1_000 });

  beforeAll(async () => {
    webRoot = await mkdtemp(path.join(tmpdir(), 'console-web-'));
    await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Приёмная</title>');
    upstream = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ url: request.url, authorization: request.headers.authorization ?? null }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const echo = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
    app = await buildConsole({ logger: silentLogger, desk, webRoot, cityZone: 'Asia/Yekaterinburg', upstreams: { router: echo, registry: echo, executor: echo, monitor: 'http://127.0.0.1:1' } });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    desk.close();
    await new Promise((resolve) => upstream?.close(resolve));
    await rm(webRoot, { recursive: true, force: true });
  });

  const post = (url: string, body: unknown, token = 'a.b.c') =>
    fetch(`${base}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('serves the web application at its own routes, and never for an unknown API path', async () => {
    for (const route of ['/', '/inbox', '/appeal/zhkh/123']) {
      const response = await fetch(`${base}${route}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Приёмная');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
    const unknown = await fetch(`${base}/api/nothing`);
    expect(unknown.status).toBe(404);
  });

  it('tells the web application the city\'s one time zone (CITY_TIME_ZONE), so times show in it wherever the browser is', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/console/settings' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ cityTimeZone: 'Asia/Yekaterinburg' });
  });

  it('asks for a staff token before forwarding a reception card', async () => {
    const response = await fetch(`${base}/api/desk/oral-appeals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ fields: [{ field: 'authorization' }] });
  });

  it('refuses a card the form’s own schema refuses, naming each field, without calling the desk', async () => {
    const response = await post('/api/desk/oral-appeals', {
      idempotencyKey: 'card-1',
      citizen: { name: '', phone: 'нет' },
      text: '',
      answeredOnTheSpot: true,
      citizenConsentedToOralAnswer: false,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: { field: string }[] };
    expect(body.fields.map((field) => field.field).sort()).toEqual(['citizen.name', 'citizen.phone', 'citizenConsentedToOralAnswer', 'conductedBy', 'identityDocument', 'oralAnswer', 'text']);
  });

  it('59-ФЗ ст. 13: refuses a hotline call that carries a reception card’s fields (the hotline is not a personal reception) or misses the caller, naming each field', async () => {
    const response = await post('/api/desk/hotline-calls', {
      idempotencyKey: 'call-1',
      citizen: { name: '' },
      text: 'Не горит фонарь',
      identityDocument: { kind: 'passport-rf', seriesNumber: '38 04 123456' },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: { field: string }[]; message: string };
    expect(body.fields.map((field) => field.field).sort()).toEqual(['citizen.name', 'identityDocument']);
    expect(body.message).not.toContain('123456');
  });

  it('answers 503 when the desk does not answer, so the operator retries the same card', async () => {
    const response = await post('/api/desk/suggestions', { text: 'нет горячей воды' });
    expect(response.status).toBe(503);
  });

  it('forwards /api/<service>/v1/ to the service’s /v1/ with the caller’s token, and says which service did not answer', async () => {
    const response = await fetch(`${base}/api/executor/v1/units/zhkh/tasks?limit=5`, { headers: { authorization: 'Bearer token-1' } });
    expect(await response.json()).toEqual({ url: '/v1/units/zhkh/tasks?limit=5', authorization: 'Bearer token-1' });
    const down = await fetch(`${base}/api/monitor/v1/alerts/stream`, { headers: { authorization: 'Bearer token-1' } });
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ code: 'unavailable', message: expect.stringContaining('monitor') as unknown });
  });
});
