import { AppealId, AppealSubmission } from '@priemnaya/contracts';
import { parseRequest, RequestError } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppealStatusView, RegistryClient } from '../../data-access/registry-client.js';
import { IdempotencyKeyConflict, type AppealIntake, type Registration, type StoredAppeal } from '../../domain/submit-appeal.js';

const IdempotencyKey = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

const Headers = z.object({ 'idempotency-key': IdempotencyKey.optional() });
const Params = z.object({ id: AppealId });

export interface AppealRoutesDeps {
  submitAppeal(intake: AppealIntake): Promise<Registration>;
  findStoredAppeal(appealId: string): Promise<StoredAppeal | undefined>;
  registry: RegistryClient;
}

/** The public site-form API: submit an appeal, read its status. */
export function appealRoutes(app: FastifyInstance, deps: AppealRoutesDeps): void {
  app.post('/v1/appeals', async (request, reply) => {
    const headers = parseHeaders(request.headers);
    const submission = parseRequest(AppealSubmission, request.body);
    let registration: Registration;
    try {
      registration = await deps.submitAppeal({
        channel: 'site',
        submission,
        ...(headers['idempotency-key'] !== undefined ? { idempotencyKey: headers['idempotency-key'] } : {}),
      });
    } catch (error) {
      if (error instanceof IdempotencyKeyConflict) {
        throw new RequestError(422, 'idempotency_key_reused', error.message, [
          { field: 'Idempotency-Key', message: 'already used for a different appeal' },
        ]);
      }
      throw error;
    }
    request.log.info({ appealId: registration.appealId, replayed: registration.replayed }, 'appeal acknowledged');
    return reply
      .status(202)
      .header('location', `/v1/appeals/${registration.appealId}`)
      .header('idempotent-replayed', String(registration.replayed))
      .send({ id: registration.appealId, registrationNumber: registration.registrationNumber, status: 'received' });
  });

  app.get('/v1/appeals/:id', async (request) => {
    const { id } = parseRequest(Params, request.params);
    const known = await deps.registry.findStatus(id);
    if (known) return toPublicStatus(known);
    // The registry has not seen it yet: ingest knows it was acknowledged, so it is received.
    const stored = await deps.findStoredAppeal(id);
    if (stored?.acknowledgedAt === undefined) {
      throw RequestError.notFound('id', id);
    }
    return {
      id,
      registrationNumber: stored.appeal.registrationNumber,
      status: 'received',
      receivedAt: stored.appeal.receivedAt,
      updatedAt: stored.acknowledgedAt.toISOString(),
    };
  });
}

function parseHeaders(headers: Record<string, unknown>) {
  const parsed = Headers.safeParse(headers);
  if (!parsed.success) {
    throw new RequestError(400, 'validation_failed', `Idempotency-Key: ${parsed.error.issues[0]?.message ?? 'invalid'}`, [
      { field: 'Idempotency-Key', message: parsed.error.issues[0]?.message ?? 'invalid' },
    ]);
  }
  return parsed.data;
}

/** What anyone holding the id may see: status only, no personal data. */
function toPublicStatus(view: AppealStatusView) {
  return {
    id: view.id,
    registrationNumber: view.registrationNumber,
    status: view.status,
    ...(view.unit !== undefined ? { unit: view.unit } : {}),
    ...(view.topic !== undefined ? { topic: view.topic } : {}),
    receivedAt: view.receivedAt,
    updatedAt: view.updatedAt,
  };
}
