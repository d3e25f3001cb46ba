import { afterEach, describe, expect, it } from 'vitest';
import { createPosSimulator, type PosSimulator } from './create-pos-simulator.js';
import { aPlatformItem } from './platform-item.js';

let simulator: PosSimulator;
afterEach(() => simulator.close());

async function token(): Promise<string> {
  const response = await simulator.app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `grant_type=client_credentials&client_id=${simulator.clientId}&client_secret=${simulator.clientSecret}`,
  });
  return response.json<{ access_token: string }>().access_token;
}

function get(url: string, bearer: string) {
  return simulator.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } });
}

interface Page {
  items: { id: string }[];
  nextCursor: string;
  hasMore: boolean;
}

describe('GET /api/pos/v1/items', () => {
  it('when read page by page with the cursor, gives every item once in feed order and an item delivered again once more', async () => {
    simulator = createPosSimulator();
    const [first, second, third] = [aPlatformItem('appeal'), aPlatformItem('message'), aPlatformItem('appeal')];
    simulator.enqueue(first, second, third);
    simulator.deliverAgain(first.id);
    const bearer = await token();

    const page1 = (await get('/api/pos/v1/items?limit=3', bearer)).json<Page>();
    const page2 = (await get(`/api/pos/v1/items?limit=3&cursor=${page1.nextCursor}`, bearer)).json<Page>();
    const page3 = (await get(`/api/pos/v1/items?limit=3&cursor=${page2.nextCursor}`, bearer)).json<Page>();

    expect([page1, page2].map((page) => [page.items.map((item) => item.id), page.hasMore])).toEqual([
      [[first.id, second.id, third.id], true],
      [[first.id], false],
    ]);
    expect(page3).toEqual({ items: [], nextCursor: page2.nextCursor, hasMore: false });
  });

  it('when the token has expired, answers 401 invalid_token with WWW-Authenticate', async () => {
    simulator = createPosSimulator();
    const bearer = await token();
    simulator.expireTokens();

    const response = await get('/api/pos/v1/items', bearer);

    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('when failures are armed, answers them in turn with Retry-After, then serves again', async () => {
    simulator = createPosSimulator();
    const bearer = await token();
    simulator.failNext(1, { status: 500 });
    simulator.failNext(1, { status: 429, retryAfterSeconds: 2 });

    const statuses = [];
    for (let call = 0; call < 3; call++) statuses.push((await get('/api/pos/v1/items', bearer)).statusCode);

    expect(statuses).toEqual([500, 429, 200]);
    expect(simulator.requests().map((request) => request.status)).toEqual([200, 500, 429, 200]);
  });
});

describe('POST /api/pos/v1/items/{id}/status-changes', () => {
  it('when the key repeats with the same body, answers the first answer and records one change; with another body, answers 422', async () => {
    simulator = createPosSimulator();
    const item = aPlatformItem('appeal');
    simulator.enqueue(item);
    const bearer = await token();
    const headers = { authorization: `Bearer ${bearer}` };
    const post = (body: object, key: string) =>
      simulator.app.inject({ method: 'POST', url: `/api/pos/v1/items/${item.id}/status-changes`, headers: { ...headers, 'idempotency-key': key }, payload: body });
    const change = { status: 'in-progress', occurredAt: '2026-03-02T10:00:00.000Z' };

    expect((await post(change, 'k1')).statusCode).toBe(409);
    await simulator.app.inject({
      method: 'POST',
      url: `/api/pos/v1/items/${item.id}/acknowledgement`,
      headers,
      payload: { registrationNumber: '00001/2026', registeredAt: '2026-03-02T09:00:00.000Z' },
    });
    const first = await post(change, 'k2');
    const repeat = await post(change, 'k2');
    const reused = await post({ ...change, status: 'closed' }, 'k2');

    expect([first.statusCode, repeat.statusCode, repeat.headers['idempotent-replayed'], reused.statusCode]).toEqual([201, 201, 'true', 422]);
    expect(repeat.json()).toEqual(first.json());
    expect(simulator.statusChanges()).toHaveLength(1);
  });
});
