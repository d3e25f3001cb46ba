import { createHash, timingSafeEqual } from 'node:crypto';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fault, type Fields, type Open311Fault } from '../../../domain/open311/open311-fault.js';
import { findOpen311Service, OPEN311_SERVICES } from '../../../domain/open311/open311-services.js';
import { parseRequestsQuery } from '../../../domain/open311/parse-requests-query.js';
import { parseServiceRequest } from '../../../domain/open311/parse-service-request.js';
import { serviceNotice, tokenOf } from '../../../domain/open311/public-request.js';
import { IdempotencyKeyConflict } from '../../../domain/submit-appeal.js';
import type { IngestRouteDeps } from '../ingest-route-deps.js';
import { IdempotencyKey } from '../site/appeal-routes.js';
import { open311ErrorHandler, open311Refusal } from './open311-errors.js';
import { OPEN311_FORMATS, renderDocument, renderList, sendOpen311 } from './open311-format.js';
import { createOpen311Reads } from './open311-reads.js';

export const OPEN311_PREFIX = '/open311/v2';

export interface Open311Options {
  /**
   * Keys of the client applications allowed to POST requests. Empty: anyone may, as on the site
   * form (the rate limit still applies). Otherwise `api_key` is required on POST: 400 without
   * it, 403 with one not listed. Reads never need a key, as the standard says.
   */
  apiKeys?: readonly string[];
  /** The one jurisdiction served; a request naming another is a 404. Unset: any is accepted. */
  jurisdictionId?: string;
  clock?: () => Date;
}

const Headers = z.object({ 'idempotency-key': IdempotencyKey.optional() });

/** The Open311 GeoReport v2 façade under /open311/v2, in its own scope: its own body parser and error shape. */
export async function registerOpen311(app: FastifyInstance, deps: IngestRouteDeps, options: Open311Options = {}): Promise<void> {
  await app.register(
    async (scope) => {
      // The standard posts forms; JSON and multipart bodies are not part of it (415).
      scope.removeAllContentTypeParsers();
      await scope.register(fastifyFormbody);
      scope.setErrorHandler(open311ErrorHandler);
      scope.setNotFoundHandler((request) => {
        throw open311Refusal([fault(404, 'request', `no resource ${request.method} ${request.url.split('?')[0] ?? ''}`)]);
      });
      open311Routes(scope, deps, options);
    },
    { prefix: OPEN311_PREFIX },
  );
}

function open311Routes(scope: FastifyInstance, deps: IngestRouteDeps, options: Open311Options): void {
  const reads = createOpen311Reads(deps);
  const clock = options.clock ?? (() => new Date());
  const keyDigests = (options.apiKeys ?? []).map(digest);

  function checkJurisdiction(fields: Fields): void {
    const given = fields.jurisdiction_id;
    if (options.jurisdictionId !== undefined && typeof given === 'string' && given !== '' && given !== options.jurisdictionId) {
      throw open311Refusal([fault(404, 'jurisdiction_id', `${given} is not served here`)]);
    }
  }

  function checkApiKey(fields: Fields): void {
    if (keyDigests.length === 0) return;
    const given = fields.api_key;
    if (typeof given !== 'string' || given === '') throw open311Refusal([fault(400, 'api_key', 'is required')]);
    const presented = digest(given);
    if (!keyDigests.some((known) => timingSafeEqual(known, presented))) throw open311Refusal([fault(403, 'api_key', 'is not a valid key')]);
  }

  for (const format of OPEN311_FORMATS) {
    scope.get(`/services.${format}`, async (request, reply) => {
      checkJurisdiction(queryOf(request));
      return sendOpen311(reply, format, renderList(format, 'services', 'service', OPEN311_SERVICES));
    });

    scope.get<{ Params: { service_code: string } }>(`/services/:service_code.${format}`, async (request, reply) => {
      checkJurisdiction(queryOf(request));
      const service = findOpen311Service(request.params.service_code);
      if (!service) throw open311Refusal([fault(404, 'service_code', `${request.params.service_code} is not a service`)]);
      // No service asks for attributes (metadata is false), so the definition lists none.
      const definition = { service_code: service.service_code, attributes: format === 'json' ? [] : '' };
      return sendOpen311(reply, format, renderDocument(format, 'service_definition', definition));
    });

    scope.post(`/requests.${format}`, async (request, reply) => {
      const fields = (request.body ?? {}) as Fields;
      checkApiKey(fields);
      checkJurisdiction(fields);
      const idempotencyKey = idempotencyKeyOf(request);
      const parsed = parseServiceRequest(fields);
      if (!parsed.ok) throw open311Refusal(parsed.faults);
      const { submission } = parsed;
      let registration;
      try {
        registration = await deps.submitAppeal({
          channel: 'open311',
          kind: 'appeal',
          author: submission.author,
          text: submission.text,
          ...(submission.problemAddress !== undefined ? { problemAddress: submission.problemAddress } : {}),
          ...(submission.location !== undefined ? { location: submission.location } : {}),
          attachments: [],
          // The chosen service_code stays here: the router may take it as a hint, a reader finds it.
          raw: { format: 'form', body: submission.form },
          ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
        });
      } catch (error) {
        if (error instanceof IdempotencyKeyConflict) throw open311Refusal([fault(422, 'Idempotency-Key', 'was already used for a different request')]);
        throw error;
      }
      request.log.info({ appealId: registration.appealId, replayed: registration.replayed }, 'open311 request acknowledged');
      const answer = {
        service_request_id: registration.appealId,
        token: tokenOf(registration.registrationNumber),
        service_notice: serviceNotice(registration.registrationNumber),
        account_id: submission.accountId ?? null,
      };
      reply.header('idempotent-replayed', String(registration.replayed));
      return sendOpen311(reply, format, renderList(format, 'service_requests', 'request', [answer]));
    });

    scope.get(`/requests.${format}`, async (request, reply) => {
      const fields = queryOf(request);
      checkJurisdiction(fields);
      const parsed = parseRequestsQuery(fields, clock());
      if (!parsed.ok) throw open311Refusal(parsed.faults);
      const found = await reads.requests(parsed.query);
      return sendOpen311(reply, format, renderList(format, 'service_requests', 'request', found));
    });

    scope.get<{ Params: { service_request_id: string } }>(`/requests/:service_request_id.${format}`, async (request, reply) => {
      checkJurisdiction(queryOf(request));
      const id = request.params.service_request_id;
      const found = z.uuid().safeParse(id).success ? await reads.request(id.toLowerCase()) : undefined;
      if (!found) throw open311Refusal([fault(404, 'service_request_id', `no service request ${id}`)]);
      return sendOpen311(reply, format, renderList(format, 'service_requests', 'request', [found]));
    });

    scope.get<{ Params: { token: string } }>(`/tokens/:token.${format}`, async (request, reply) => {
      checkJurisdiction(queryOf(request));
      const found = await reads.token(request.params.token);
      if (!found) throw open311Refusal([fault(404, 'token', `no service request has token ${request.params.token}`)]);
      return sendOpen311(reply, format, renderList(format, 'service_requests', 'request', [found]));
    });
  }
}

function queryOf(request: FastifyRequest): Fields {
  return (request.query ?? {}) as Fields;
}

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const parsed = Headers.safeParse(request.headers);
  if (parsed.success) return parsed.data['idempotency-key'];
  const problem = parsed.error.issues[0]?.message ?? 'is invalid';
  throw open311Refusal([fault(400, 'Idempotency-Key', problem)] satisfies Open311Fault[]);
}

/** Keys are compared as digests of one length, in constant time. */
function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
