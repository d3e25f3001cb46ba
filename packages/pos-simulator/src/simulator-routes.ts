import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  AcknowledgementBody,
  AnswerBody,
  errorBody,
  firstIssue,
  IdempotencyKey,
  ItemsQuery,
  StatusChangeBody,
  TokenRequest,
} from './contract-schemas.js';
import { decodeCursor, encodeCursor, type SimulatorState } from './simulator-state.js';

export interface RouteOptions {
  state: SimulatorState;
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
}

const API = '/api/pos/v1';

/** The platform's endpoints; faults, rate limits and authentication run in hooks before them. */
export function simulatorRoutes(app: FastifyInstance, { state, clientId, clientSecret, tokenTtlSeconds }: RouteOptions): void {
  app.post('/oauth/token', async (request, reply) => {
    const parsed = TokenRequest.safeParse(request.body);
    if (!parsed.success) return reply.status(400).send({ error: 'invalid_request' });
    if (parsed.data.client_id !== clientId || parsed.data.client_secret !== clientSecret) {
      return reply.status(401).send({ error: 'invalid_client' });
    }
    return { access_token: state.issueToken(tokenTtlSeconds), token_type: 'Bearer', expires_in: tokenTtlSeconds };
  });

  app.get(`${API}/items`, async (request, reply) => {
    const query = ItemsQuery.safeParse(request.query);
    if (!query.success) {
      const { field, message } = firstIssue(query.error);
      return reply.status(400).send(errorBody('invalid_request', `${field}: ${message}`, field));
    }
    const position = query.data.cursor === undefined ? 0 : decodeCursor(query.data.cursor);
    if (position === undefined || position > state.feed.length) {
      return reply.status(400).send(errorBody('invalid_cursor', 'cursor: unknown or expired', 'cursor'));
    }
    const items = state.feed.slice(position, position + query.data.limit);
    const next = position + items.length;
    return { items, nextCursor: encodeCursor(next), hasMore: next < state.feed.length };
  });

  app.post<{ Params: { id: string } }>(`${API}/items/:id/acknowledgement`, async (request, reply) => {
    const body = parseBody(AcknowledgementBody, request, reply);
    if (body === undefined) return reply;
    if (!state.items.has(request.params.id)) return reply.status(404).send(errorBody('item_not_found', `id: no item ${request.params.id}`, 'id'));
    const existing = state.acknowledgements.get(request.params.id);
    if (existing && existing.registrationNumber !== body.registrationNumber) {
      return reply.status(409).send(errorBody('already_acknowledged', `registrationNumber: the item was acknowledged as ${existing.registrationNumber}`, 'registrationNumber'));
    }
    const acknowledgement = existing ?? { itemId: request.params.id, ...body, calls: 0 };
    acknowledgement.calls += 1;
    state.acknowledgements.set(request.params.id, acknowledgement);
    return { itemId: acknowledgement.itemId, registrationNumber: acknowledgement.registrationNumber, status: 'registered' };
  });

  app.post<{ Params: { id: string } }>(`${API}/items/:id/status-changes`, async (request, reply) =>
    idempotentPost(state, request, reply, StatusChangeBody, (body, key) => {
      const change = { id: state.newId(), itemId: request.params.id, idempotencyKey: key, ...body };
      state.statusChanges.push(change);
      return { id: change.id, status: change.status, acceptedAt: new Date().toISOString() };
    }),
  );

  app.post<{ Params: { id: string } }>(`${API}/items/:id/answers`, async (request, reply) =>
    idempotentPost(state, request, reply, AnswerBody, (body, key) => {
      const answer = { id: state.newId(), itemId: request.params.id, idempotencyKey: key, ...body };
      state.answers.push(answer);
      return { id: answer.id, status: 'answered', acceptedAt: new Date().toISOString() };
    }),
  );
}

function parseBody<S extends z.ZodType>(schema: S, request: FastifyRequest, reply: FastifyReply): z.infer<S> | undefined {
  const parsed = schema.safeParse(request.body);
  if (parsed.success) return parsed.data;
  const { field, message } = firstIssue(parsed.error);
  void reply.status(400).send(errorBody('invalid_request', `${field}: ${message}`, field));
  return undefined;
}

/** A post that needs an acknowledged item and an idempotency key; a repeat answers the first answer. */
async function idempotentPost<S extends z.ZodType>(
  state: SimulatorState,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  schema: S,
  apply: (body: z.infer<S>, key: string) => unknown,
): Promise<FastifyReply> {
  const key = IdempotencyKey.safeParse(request.headers['idempotency-key']);
  if (!key.success) return reply.status(400).send(errorBody('invalid_request', 'Idempotency-Key: is required, 1-128 characters', 'Idempotency-Key'));
  const body = parseBody(schema, request, reply);
  if (body === undefined) return reply;
  const { id } = request.params;
  if (!state.items.has(id)) return reply.status(404).send(errorBody('item_not_found', `id: no item ${id}`, 'id'));
  if (!state.acknowledgements.has(id)) return reply.status(409).send(errorBody('not_acknowledged', `id: item ${id} is not acknowledged yet`, 'id'));

  const fingerprint = createHash('sha256').update(`${request.url}\n${JSON.stringify(body)}`).digest('hex');
  const stored = state.idempotency.get(key.data);
  if (stored) {
    if (stored.fingerprint !== fingerprint) {
      return reply.status(422).send(errorBody('idempotency_key_reused', 'Idempotency-Key: already used for a different request', 'Idempotency-Key'));
    }
    return reply.status(stored.statusCode).header('idempotent-replayed', 'true').send(stored.body);
  }
  const result = apply(body, key.data);
  state.idempotency.set(key.data, { fingerprint, statusCode: 201, body: result });
  return reply.status(201).send(result);
}
