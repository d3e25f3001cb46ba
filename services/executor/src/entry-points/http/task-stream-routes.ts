import { authenticateRequest, type StaffTokens } from '@priemnaya/auth';
import { parseRequest } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FeedEntry } from '../../data-access/task-repository.js';
import type { TaskFeed } from '../../delivery/task-feed.js';
import { requireAccess } from '../../use-cases/act-on-task.js';
import { Cursor, UnitParams } from '../work-schemas.js';
import { answering } from './http-errors.js';

const StreamQuery = z.strictObject({ after: Cursor.optional() });
const LastEventId = Cursor.optional();

/** Keeps proxies and browsers from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/** Unsent bytes after which a stream is ended; the client resumes after the last id it got. */
const MAX_UNSENT_BYTES = 8 * 1024 * 1024;

/** A feed entry as streams deliver it. */
export function deliveryOf(entry: FeedEntry) {
  const { _id, seq: _seq, ...task } = entry;
  return task;
}

/**
 * `GET /v1/units/:unit/tasks/stream`: server-sent events, one `task` event per task of the unit,
 * its `id` the cursor. A browser's EventSource resumes with `Last-Event-ID` by itself;
 * `?after=<cursor>` does the same for other clients.
 */
export function taskStreamRoutes(http: FastifyInstance, deps: { tokens: StaffTokens; feed: TaskFeed }): void {
  const open = new Set<() => void>();
  // Streams never end by themselves: end them when the server closes, so it can.
  http.addHook('preClose', async () => {
    for (const close of open) close();
  });

  http.get('/v1/units/:unit/tasks/stream', async (request, reply) => {
    const principal = await authenticateRequest(deps.tokens, request);
    const { unit } = parseRequest(UnitParams, request.params);
    const query = parseRequest(StreamQuery, request.query, 'query');
    const lastEventId = parseRequest(LastEventId, request.headers['last-event-id'], 'Last-Event-ID');
    await answering(async () => requireAccess(principal, unit, 'read'));
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    raw.write(': connected\n\n');
    let unsubscribe = () => {};
    let closed = false;
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const close = () => {
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(close);
      if (!raw.writableEnded) raw.end();
    };
    open.add(close);
    request.raw.on('close', close);
    try {
      const stop = await deps.feed.subscribe(unit, lastEventId ?? query.after ?? 0, (entry) => {
        if (closed) return;
        raw.write(`id: ${entry.seq}\nevent: task\ndata: ${JSON.stringify(deliveryOf(entry))}\n\n`);
        // Memory is not held for a client that does not read: EventSource reconnects with Last-Event-ID.
        if (raw.writableLength > MAX_UNSENT_BYTES) {
          close();
          raw.destroy();
        }
      });
      if (closed) stop();
      else unsubscribe = stop;
    } catch (error) {
      request.log.warn({ err: error }, 'task stream could not read its backlog');
      close();
    }
  });
}
