import { authenticateRequest, type StaffTokens } from '@priemnaya/auth';
import type { ControlAlert } from '@priemnaya/contracts';
import { parseRequest } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AlertFeed } from '../../delivery/alert-feed.js';
import { ALERT_WATCHERS, isVisibleTo } from '../../domain/alert-audience.js';

const StreamQuery = z.strictObject({ after: z.uuid().optional() });
const LastEventId = z.uuid().optional();

/** Keeps proxies and browsers from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

/**
 * `GET /v1/alerts/stream`: server-sent events for the console, one `alert` event per alert the
 * signed-in person may see, its `id` the alert id. A browser's EventSource resumes with
 * `Last-Event-ID` by itself; `?after=<alertId>` does the same for other clients.
 */
export function alertStreamRoutes(http: FastifyInstance, deps: { tokens: StaffTokens; feed: AlertFeed }): void {
  const open = new Set<() => void>();
  // Streams never end by themselves: end them when the server closes, so it can.
  http.addHook('preClose', async () => {
    for (const close of open) close();
  });

  http.get('/v1/alerts/stream', async (request, reply) => {
    const principal = await authenticateRequest(deps.tokens, request, ALERT_WATCHERS);
    const query = parseRequest(StreamQuery, request.query, 'query');
    const lastEventId = parseRequest(LastEventId, request.headers['last-event-id'], 'Last-Event-ID');
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (alert: ControlAlert) => {
      if (isVisibleTo(principal, alert)) raw.write(`id: ${alert.alertId}\nevent: alert\ndata: ${JSON.stringify(alert)}\n\n`);
    };
    const { backlog, unsubscribe } = deps.feed.follow(lastEventId ?? query.after, send);
    raw.write(': connected\n\n');
    for (const alert of backlog) send(alert);
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(close);
      if (!raw.writableEnded) raw.end();
    };
    open.add(close);
    request.raw.on('close', close);
  });
}
