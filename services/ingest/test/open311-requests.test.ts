import { randomUUID } from 'node:crypto';
import { AppealReceived } from '@priemnaya/contracts';
import { collectTopics, createTeardown, createTestKafka, uniqueName, waitFor } from '@priemnaya/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, infra, startIngest } from './support/ingest-harness.js';
import { startRealRegistry } from './support/real-registry.js';

/** What a third-party GeoReport v2 client sends: a form, with the standard's field names. */
function aForm(marker: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    jurisdiction_id: 'city.example',
    service_code: 'roads',
    lat: '51.7304',
    long: '36.1926',
    address_string: 'ул. Ленина, 5',
    first_name: 'Иван',
    last_name: 'Петров',
    email: 'ivan.petrov@example.org',
    phone: '+7 900 111-22-33',
    account_id: 'acc-77',
    description: `Яма на дороге у дома 5 (${marker})`,
    ...overrides,
  };
}

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error'].includes(name) });

interface Created {
  service_request_id: string;
  token: string;
  service_notice: string;
  account_id: string | null;
}

interface PublicRequest {
  service_request_id: string;
  status: string;
  service_code: string;
  service_name: string;
  agency_responsible?: string;
  requested_datetime: string;
}

describe('Open311 GeoReport v2 /open311/v2 with the registry running', () => {
  const teardown = createTeardown();
  let app: FastifyInstance;
  let readReceived: (appealId: string) => Promise<AppealReceived>;

  beforeAll(async () => {
    const testKafka = teardown.add(await createTestKafka(infra, [], 'open311'), (it) => it.dispose());
    const registryUrl = await startRealRegistry(teardown, testKafka);
    const dbName = teardown.add(uniqueName('ingest'), dropDatabase);
    app = teardown.add(await startIngest({ ...testKafka, dbName, registryUrl }), (it) => it.close()).app;
    const received = teardown.add(await collectTopics(testKafka.kafka, [testKafka.names.of('appeals.received')]), (it) => it.stop());
    readReceived = async (appealId) => AppealReceived.parse((await received.waitForAppeal(appealId))[0]?.value);
  });
  afterAll(() => teardown.run());

  const get = (url: string) => app.inject({ method: 'GET', url: `/open311/v2/${url}` });
  const post = (format: 'json' | 'xml', form: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `/open311/v2/requests.${format}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
      payload: new URLSearchParams(form).toString(),
    });
  const created = (response: LightMyRequestResponse): Created => {
    expect(response.statusCode).toBe(200);
    const [answer] = response.json<Created[]>();
    if (!answer) throw new Error('no request in the answer');
    return answer;
  };
  /** GET requests by filters once the registry has caught up with `appealIds`. */
  const searchUntil = async (query: string, appealIds: string[]) =>
    waitFor(
      async () => {
        const found = (await get(`requests.json?${query}`)).json<PublicRequest[]>();
        return appealIds.every((id) => found.some((request) => request.service_request_id === id)) ? found : undefined;
      },
      { description: `requests ${appealIds.join(', ')} to be found by ${query}` },
    );

  it('a JSON client lists services, posts a form, reads the request by id and resolves its token; the appeal is published as open311', async () => {
    const services = await get('services.json');
    expect(services.statusCode).toBe(200);
    expect(services.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(services.json<{ service_code: string; metadata: boolean }[]>()).toContainEqual(
      expect.objectContaining({ service_code: 'roads', service_name: 'Дороги', metadata: false, type: 'realtime' }),
    );
    expect((await get('services/roads.json')).json()).toEqual({ service_code: 'roads', attributes: [] });

    const answer = created(await post('json', aForm('json flow', { api_key: 'client-key' })));
    expect(answer).toMatchObject({ account_id: 'acc-77', token: expect.stringMatching(/^\d{5}-\d{4}$/) as unknown });
    expect(answer.service_notice).toContain(answer.token.replace('-', '/'));

    const appeal = await readReceived(answer.service_request_id);
    expect(appeal).toMatchObject({
      channel: 'open311',
      kind: 'appeal',
      author: { name: 'Петров Иван', email: 'ivan.petrov@example.org', phone: '+7 900 111-22-33' },
      text: 'Яма на дороге у дома 5 (json flow)',
      problemAddress: 'ул. Ленина, 5',
      location: { lat: 51.7304, lon: 36.1926 },
      raw: { format: 'form', body: { service_code: 'roads', jurisdiction_id: 'city.example' } },
    });
    expect(JSON.stringify(appeal.raw)).not.toContain('client-key');

    const read = await get(`requests/${answer.service_request_id}.json`);
    expect(read.statusCode).toBe(200);
    expect(read.json<PublicRequest[]>()).toEqual([
      expect.objectContaining({ service_request_id: answer.service_request_id, status: 'open', service_code: 'roads', requested_datetime: appeal.receivedAt }),
    ]);

    const token = await waitFor(async () => {
      const response = await get(`tokens/${answer.token}.json`);
      return response.statusCode === 200 ? response.json<unknown>() : undefined;
    });
    expect(token).toEqual([{ service_request_id: answer.service_request_id, token: answer.token }]);
  });

  it('an XML client gets the standard shapes with the XML declaration, for services, the new request, the request and its token', async () => {
    const services = await get('services.xml');
    expect(services.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(services.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const listed = xml.parse(services.body) as { services: { service: { service_code: string; metadata: string }[] } };
    expect(listed.services.service).toContainEqual(expect.objectContaining({ service_code: 'housing', metadata: 'false' }));
    expect(xml.parse((await get('services/housing.xml')).body)).toMatchObject({ service_definition: { service_code: 'housing' } });

    const response = await post('xml', aForm('xml flow', { service_code: 'housing', account_id: '' }));
    expect(response.statusCode).toBe(200);
    const answer = (xml.parse(response.body) as { service_requests: { request: Record<string, string>[] } }).service_requests.request[0];
    expect(answer).toMatchObject({ service_request_id: expect.any(String) as unknown, token: expect.stringMatching(/^\d{5}-\d{4}$/) as unknown, account_id: '' });
    const id = answer?.service_request_id ?? '';

    const read = xml.parse((await get(`requests/${id}.xml`)).body) as { service_requests: { request: Record<string, string>[] } };
    expect(read.service_requests.request).toEqual([expect.objectContaining({ service_request_id: id, status: 'open', service_code: 'housing' })]);
    const token = await waitFor(async () => {
      const tokenResponse = await get(`tokens/${answer?.token ?? ''}.xml`);
      return tokenResponse.statusCode === 200 ? (xml.parse(tokenResponse.body) as unknown) : undefined;
    });
    expect(token).toEqual({ '?xml': '', service_requests: { request: [{ service_request_id: id, token: answer?.token }] } });
  });

  it('GET requests filters by service_code, status, date range and ids, and shows no text, name, contact or place', async () => {
    const roads = created(await post('json', aForm('filter roads')));
    const housing = created(await post('json', aForm('filter housing', { service_code: 'housing' })));
    const both = [roads.service_request_id, housing.service_request_id];

    const all = await searchUntil('', both);
    for (const personal of ['Петров', 'Иван', 'ivan.petrov', '111-22-33', 'Яма', 'Ленина', '51.73', 'acc-77']) {
      expect(JSON.stringify(all)).not.toContain(personal);
    }
    const onlyHousing = await searchUntil('service_code=housing', [housing.service_request_id]);
    expect(onlyHousing.every((request) => request.service_code === 'housing')).toBe(true);
    await searchUntil('status=open', both);
    expect((await get('requests.json?status=closed')).json()).toEqual([]);
    const past = (await get('requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00%2B03:00')).json<PublicRequest[]>();
    expect(past).toEqual([]);

    const byIds = (await get(`requests.json?service_request_id=${both.join(',')}&service_code=transport`)).json<PublicRequest[]>();
    expect(byIds.map((request) => request.service_request_id)).toEqual(both);
  });

  it('a resend with the same Idempotency-Key gets the first service_request_id back', async () => {
    const key = `open311-${randomUUID()}`;
    const first = created(await post('json', aForm('resend'), { 'idempotency-key': key }));
    const again = created(await post('json', aForm('resend'), { 'idempotency-key': key }));
    expect(again).toEqual(first);
  });

  describe('errors in the standard format', () => {
    it('when service_code, the location and description are missing, answers 400 naming each field', async () => {
      const response = await post('json', { first_name: 'Иван' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual([
        { code: 400, description: 'service_code: is required' },
        { code: 400, description: 'lat: a location is required: lat and long, address_string or address_id' },
        { code: 400, description: 'description: is required: an appeal needs its text' },
      ]);
    });

    it('in XML, answers <errors><error><code> naming the field', async () => {
      const response = await post('xml', aForm('no description', { description: '' }));
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(xml.parse(response.body)).toMatchObject({ errors: { error: [{ code: '400', description: 'description: is required: an appeal needs its text' }] } });
    });

    it('when the service is unknown, answers 404 naming service_code, on POST and on the service definition', async () => {
      const response = await post('json', aForm('unknown service', { service_code: 'potholes' }));
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual([{ code: 404, description: 'service_code: potholes is not a service; see services.json' }]);
      expect((await get('services/potholes.xml')).statusCode).toBe(404);
    });

    it('when no request has the id or the token, answers 404 naming it', async () => {
      const id = randomUUID();
      const byId = await get(`requests/${id}.json`);
      expect([byId.statusCode, byId.json()]).toEqual([404, [{ code: 404, description: `service_request_id: no service request ${id}` }]]);
      expect((await get('tokens/99999-1999.json')).json()).toEqual([{ code: 404, description: 'token: no service request has token 99999-1999' }]);
    });

    it('when the date range spans more than 90 days, answers 400 naming end_date', async () => {
      const response = await get('requests.json?start_date=2025-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z');
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual([{ code: 400, description: 'end_date: the range from start_date may not span more than 90 days' }]);
    });

    it('when the body is JSON rather than a form, answers 415 and publishes nothing', async () => {
      const response = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: aForm('as json') });
      expect(response.statusCode).toBe(415);
      expect(response.json()).toEqual([{ code: 415, description: 'content-type: send application/x-www-form-urlencoded, as GeoReport v2 says' }]);
    });

    it('when the form is larger than the body limit, answers 413', async () => {
      const response = await post('json', aForm('large', { media_url: `https://example.org/${'x'.repeat(70_000)}` }));
      expect([response.statusCode, response.json()]).toEqual([413, [{ code: 413, description: 'body: the request body is too large' }]]);
    });

    it('when the resource does not exist under /open311/v2, answers 404 in the standard format', async () => {
      const response = await get('discovery.xml');
      expect(response.statusCode).toBe(404);
      expect(xml.parse(response.body)).toMatchObject({ errors: { error: [{ code: '404' }] } });
    });
  });

  it('documents every Open311 route in the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, object> }>();
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/open311/'))).toEqual([
      '/open311/v2/services.{format}',
      '/open311/v2/services/{service_code}.{format}',
      '/open311/v2/requests.{format}',
      '/open311/v2/requests/{service_request_id}.{format}',
      '/open311/v2/tokens/{token}.{format}',
    ]);
  });
});
