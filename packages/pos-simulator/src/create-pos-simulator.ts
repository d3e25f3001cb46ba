import Fastify, { type FastifyInstance } from 'fastify';
import { errorBody } from './contract-schemas.js';
import { createFaults, type DelaySpec, type FailureSpec, type SimulatorRoute } from './faults.js';
import type { PlatformItem } from './platform-item.js';
import { createSimulatorState, type Acknowledgement, type LoggedRequest, type PostedAnswer, type PostedStatusChange } from './simulator-state.js';
import { simulatorRoutes } from './simulator-routes.js';

export interface PosSimulatorOptions {
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds?: number;
  /** API calls per second over all endpoints before 429, as the contract says (20). */
  rateLimitPerSecond?: number;
}

export interface PosSimulator {
  app: FastifyInstance;
  clientId: string;
  clientSecret: string;
  /** Starts listening; resolves with the base URL (port 0 picks a free port). */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Publishes items to the feed, in order. */
  enqueue(...items: PlatformItem[]): void;
  /** Publishes an item already in the feed once more, as the platform may (at-least-once). */
  deliverAgain(itemId: string): void;
  /** The next `count` calls (to `spec.route`, or to any API endpoint) fail with `spec.status`. */
  failNext(count: number, spec: FailureSpec): void;
  /** Calls wait `ms` before they are handled. */
  delay(spec: DelaySpec): void;
  /** Every token issued so far stops being valid, as when the platform rotates its keys. */
  expireTokens(): void;
  tokensIssued(): number;
  acknowledgements(): Acknowledgement[];
  statusChanges(): PostedStatusChange[];
  answers(): PostedAnswer[];
  /** Every call in arrival order, with the status it got: for asserting retries and their pacing. */
  requests(): LoggedRequest[];
}

const API_ROUTES: Record<string, SimulatorRoute> = {
  '/oauth/token': 'token',
  '/api/pos/v1/items': 'items',
  '/api/pos/v1/items/:id/acknowledgement': 'acknowledgement',
  '/api/pos/v1/items/:id/status-changes': 'status-changes',
  '/api/pos/v1/items/:id/answers': 'answers',
};

/** A simulator of the Gosuslugi feedback platform speaking docs/pos-platform-contract.md, with controls for tests. */
export function createPosSimulator(options: PosSimulatorOptions = {}): PosSimulator {
  const clientId = options.clientId ?? 'priemnaya-city';
  const clientSecret = options.clientSecret ?? 'simulator-secret';
  const rateLimitPerSecond = options.rateLimitPerSecond ?? 20;
  const state = createSimulatorState();
  const faults = createFaults();
  const rateWindow = { second: 0, calls: 0 };

  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.addHook('onRequest', async (request, reply) => {
    const route = API_ROUTES[request.routeOptions.url ?? ''];
    if (route === undefined) return;
    const second = Math.floor(Date.now() / 1_000);
    if (rateWindow.second !== second) Object.assign(rateWindow, { second, calls: 0 });
    rateWindow.calls += 1;
    if (rateWindow.calls > rateLimitPerSecond) {
      return reply.status(429).header('retry-after', '1').send(errorBody('rate_limited', 'more than the allowed requests per second'));
    }
    const delay = faults.takeDelay(route);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
    const failure = faults.takeFailure(route);
    if (failure) {
      if (failure.retryAfterSeconds !== undefined) void reply.header('retry-after', String(failure.retryAfterSeconds));
      const code = failure.status === 429 ? 'rate_limited' : failure.status === 503 ? 'unavailable' : 'internal';
      return reply.status(failure.status).send(errorBody(code, 'injected failure'));
    }
    if (route === 'token') return;
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined || !state.isTokenValid(token)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer error="invalid_token"')
        .send(errorBody('invalid_token', 'Authorization: the access token is missing, expired or revoked', 'Authorization'));
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = API_ROUTES[request.routeOptions.url ?? ''];
    if (route !== undefined) state.requests.push({ at: Math.round(Date.now() - reply.elapsedTime), route, status: reply.statusCode });
  });

  simulatorRoutes(app, { state, clientId, clientSecret, tokenTtlSeconds: options.tokenTtlSeconds ?? 3_600 });
  // Probes, so the local fleet can wait on the simulator as on any service.
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async () => ({ status: 'ready' }));
  // Controls for a person trying the fleet by hand (tests call the methods below).
  app.post('/_simulator/items', async (request, reply) => {
    const items = (Array.isArray(request.body) ? request.body : [request.body]) as PlatformItem[];
    for (const item of items) state.publish(item);
    return reply.status(201).send({ published: items.map((item) => item.id) });
  });
  app.get('/_simulator/state', async () => ({
    feed: state.feed.map((item) => ({ id: item.id, type: item.type })),
    acknowledgements: [...state.acknowledgements.values()],
    statusChanges: state.statusChanges,
    answers: state.answers.map(({ text: _text, ...answer }) => answer),
    tokensIssued: state.tokensIssued(),
  }));

  return {
    app,
    clientId,
    clientSecret,
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('the simulator is not listening on a TCP port');
      return `http://${host}:${address.port}`;
    },
    close: () => app.close(),
    enqueue: (...items) => items.forEach((item) => state.publish(item)),
    deliverAgain(itemId) {
      const item = state.items.get(itemId);
      if (item === undefined) throw new Error(`no item ${itemId} in the feed`);
      state.publish(item);
    },
    failNext: (count, spec) => faults.failNext(count, spec),
    delay: (spec) => faults.delay(spec),
    expireTokens: () => state.expireTokens(),
    tokensIssued: () => state.tokensIssued(),
    acknowledgements: () => [...state.acknowledgements.values()],
    statusChanges: () => [...state.statusChanges],
    answers: () => [...state.answers],
    requests: () => [...state.requests],
  };
}
