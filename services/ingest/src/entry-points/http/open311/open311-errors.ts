import { isRetriable } from '@priemnaya/errors';
import { RequestError } from '@priemnaya/http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Open311Fault } from '../../../domain/open311/open311-fault.js';
import { formatOfUrl, renderList, sendOpen311 } from './open311-format.js';

/** The faults of one refused request, as the fleet's RequestError; the HTTP status is the first fault's. */
export function open311Refusal(faults: readonly Open311Fault[]): RequestError {
  const status = faults[0]?.code ?? 400;
  return new RequestError(
    status,
    'open311_refused',
    faults.map((entry) => entry.description).join('; '),
    faults.map((entry) => ({ field: entry.field, message: entry.description })),
  );
}

/**
 * Every error on the Open311 routes in the standard's shape, a list of `{code, description}`
 * with the HTTP status as code, in the format the path asked for: a third-party client parses
 * one shape whether the refusal came from these routes or from the fleet's rate limit (429,
 * with Retry-After), body limit (413) or content types (415). Each description names its field.
 */
export function open311ErrorHandler(error: FastifyError | RequestError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const format = formatOfUrl(request.url);
  const send = (status: number, faults: { field: string; problem: string }[]) =>
    sendOpen311(
      reply,
      format,
      renderList(format, 'errors', 'error', faults.map(({ field, problem }) => ({ code: status, description: describe(field, problem) }))),
      status,
    );

  if (error instanceof RequestError) {
    const fields = error.fields ?? [];
    if (fields.length === 1 && error.message.startsWith(`${fields[0]?.field ?? ''}:`)) {
      return send(error.statusCode, [{ field: fields[0]?.field ?? 'request', problem: error.message }]);
    }
    if (fields.length === 0) return send(error.statusCode, [{ field: 'request', problem: error.message }]);
    return send(error.statusCode, fields.map((entry) => ({ field: entry.field, problem: entry.message })));
  }
  if (isRetriable(error)) {
    request.log.warn({ err: error }, 'dependency unavailable');
    reply.header('retry-after', '5');
    return send(503, [{ field: 'request', problem: 'the service cannot accept this now; retry later' }]);
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(413, [{ field: 'body', problem: 'the request body is too large' }]);
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return send(415, [{ field: 'content-type', problem: 'send application/x-www-form-urlencoded, as GeoReport v2 says' }]);
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return send(error.statusCode, [{ field: 'body', problem: error.message }]);
  }
  request.log.error({ err: error }, 'request failed');
  return send(500, [{ field: 'request', problem: 'internal error' }]);
}

/** Descriptions name the field first; one that already does is kept as it is. */
function describe(field: string, problem: string): string {
  return problem.startsWith(`${field}:`) ? problem : `${field}: ${problem}`;
}
