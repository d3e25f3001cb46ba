import { z } from 'zod';
import { parseRetryAfter } from '../domain/retry-delay.js';
import type { PlatformAnswer } from '../domain/platform-notice.js';
import type { PlatformStatusChange } from '../domain/platform-status.js';
import { PlatformError } from './platform-error.js';

export interface PlatformClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** One HTTP call, the token's included; the contract says the platform answers within 10 s. */
  timeoutMs: number;
}

export interface ItemsPage {
  /** Items as received; each is validated on its own, so one bad item does not hide the rest. */
  items: unknown[];
  nextCursor: string;
  hasMore: boolean;
}

export interface PlatformClient {
  fetchItems(cursor: string | undefined, limit: number, signal?: AbortSignal): Promise<ItemsPage>;
  acknowledge(itemId: string, registration: { registrationNumber: string; registeredAt: string }, signal?: AbortSignal): Promise<void>;
  postStatusChange(itemId: string, change: PlatformStatusChange & { comment?: string }, idempotencyKey: string, signal?: AbortSignal): Promise<void>;
  postAnswer(itemId: string, answer: PlatformAnswer, idempotencyKey: string, signal?: AbortSignal): Promise<void>;
}

const TokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const ItemsResponse = z.object({ items: z.array(z.unknown()), nextCursor: z.string().min(1), hasMore: z.boolean() });
const ErrorResponse = z.object({ error: z.object({ code: z.string(), field: z.string().optional() }) });

/** A token is renewed this long before the platform says it expires, so no call races its expiry. */
const TOKEN_RENEW_MARGIN_MS = 30_000;

/** The platform's API (docs/pos-platform-contract.md) with its token kept and renewed. */
export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  let token: { value: string; renewAt: number } | undefined;
  let pendingToken: Promise<string> | undefined;

  async function send(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    try {
      return await fetch(url, { ...init, signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
    } catch (error) {
      const timedOut = timeout.aborted;
      throw new PlatformError(timedOut ? `the platform did not answer within ${options.timeoutMs} ms` : 'the platform could not be reached', {
        code: timedOut ? 'timeout' : 'network',
        // A call cut by our own stop signal is not retried: the process is stopping.
        retriable: timedOut || !signal?.aborted,
        cause: error,
      });
    }
  }

  async function failure(response: Response, what: string): Promise<PlatformError> {
    const body = ErrorResponse.safeParse(await response.json().catch(() => undefined));
    const code = body.success ? body.data.error.code : `http_${response.status}`;
    const field = body.success ? body.data.error.field : undefined;
    const retriable = response.status === 429 || response.status >= 500;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return new PlatformError(`${what}: the platform answered ${response.status} ${code}${field ? ` (${field})` : ''}`, {
      status: response.status,
      code,
      retriable,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(field !== undefined ? { field } : {}),
    });
  }

  async function requestToken(signal: AbortSignal | undefined): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret });
    const response = await send(`${base}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }, signal);
    if (!response.ok) {
      const error = await failure(response, 'token');
      // The token endpoint answers RFC 6749 errors; a refused client will not be accepted by retrying.
      if (response.status === 400 || response.status === 401) throw new PlatformError('token: the platform refused the client credentials', { status: response.status, code: 'invalid_client', retriable: false });
      throw error;
    }
    const parsed = TokenResponse.parse(await response.json());
    const lifetimeMs = parsed.expires_in * 1_000;
    token = { value: parsed.access_token, renewAt: Date.now() + lifetimeMs - Math.min(TOKEN_RENEW_MARGIN_MS, lifetimeMs / 2) };
    return parsed.access_token;
  }

  /** One token request at a time, shared by every call waiting for it. */
  function bearer(signal: AbortSignal | undefined): Promise<string> {
    if (token && token.renewAt > Date.now()) return Promise.resolve(token.value);
    pendingToken ??= requestToken(signal).finally(() => (pendingToken = undefined));
    return pendingToken;
  }

  async function call(what: string, path: string, init: { method: string; body?: unknown; headers?: Record<string, string> }, signal?: AbortSignal): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const value = await bearer(signal);
      const response = await send(
        `${base}/api/pos/v1${path}`,
        {
          method: init.method,
          headers: { authorization: `Bearer ${value}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
          ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        },
        signal,
      );
      if (response.ok) return response;
      // An expired or rotated token: drop it and repeat once with a new one (the contract's rule).
      if (response.status === 401 && attempt === 1) {
        if (token?.value === value) token = undefined;
        await response.body?.cancel();
        continue;
      }
      throw await failure(response, what);
    }
  }

  return {
    async fetchItems(cursor, limit, signal) {
      const query = new URLSearchParams({ limit: String(limit), ...(cursor !== undefined ? { cursor } : {}) });
      const response = await call('fetch items', `/items?${query.toString()}`, { method: 'GET' }, signal);
      return ItemsResponse.parse(await response.json());
    },
    async acknowledge(itemId, registration, signal) {
      const response = await call('acknowledge', `/items/${encodeURIComponent(itemId)}/acknowledgement`, { method: 'POST', body: registration }, signal);
      await response.body?.cancel();
    },
    async postStatusChange(itemId, change, idempotencyKey, signal) {
      const response = await call(
        'post status change',
        `/items/${encodeURIComponent(itemId)}/status-changes`,
        { method: 'POST', body: change, headers: { 'idempotency-key': idempotencyKey } },
        signal,
      );
      await response.body?.cancel();
    },
    async postAnswer(itemId, answer, idempotencyKey, signal) {
      const response = await call('post answer', `/items/${encodeURIComponent(itemId)}/answers`, { method: 'POST', body: answer, headers: { 'idempotency-key': idempotencyKey } }, signal);
      await response.body?.cancel();
    },
  };
}
