import { randomUUID } from 'node:crypto';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { AppError, isRetriable } from '@priemnaya/errors';
import { counter, histogram, liveness as processLiveness, METRICS_CONTENT_TYPE, readinessCheck, renderMetrics, type Liveness } from '@priemnaya/observability';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { type z } from 'zod';

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
/**
 * How long `/readyz` waits for a check: a database whose server is gone makes its driver wait for
 * server selection (5 s) before failing, and a probe must say so sooner than that.
 */
export const READINESS_TIMEOUT_MS = 1_500;
const PROBE_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);
/** What a route takes unless it says otherwise: the fleet's HTTP APIs speak JSON. */
export const JSON_MEDIA_TYPES = ['application/json'] as const;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The media types the route's body may have. Any other is refused with 415 before the body
     * is read, naming them; without it the server's parsers decide (JSON, unless a scope adds more).
     */
    accepts?: readonly string[];
  }
}

const requests = counter('priemnaya_http_requests_total', 'HTTP requests answered, by method, route template and status', ['method', 'route', 'status']);
const errors = counter('priemnaya_http_request_errors_total', 'HTTP requests answered with a 5xx, by method, route template and status', ['method', 'route', 'status']);
const durations = histogram(
  'priemnaya_http_request_duration_seconds',
  'Time to answer an HTTP request, by method and route template',
  ['method', 'route'],
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
);

/**
 * Fastify's official instrumentation, registered as a plugin on each server: a span per request
 * named by its route template, under the HTTP server span, with the handler's work inside it.
 */
const fastifyOtel = new FastifyOtelInstrumentation({
  instrumentHooks: false,
  ignorePaths: ({ url }) => PROBE_ROUTES.has(url),
});

export interface HttpServerOptions {
  logger: Logger;
  bodyLimitBytes?: number;
  /**
   * Each answers whether the service can take work now (broker and database reachable, consumers
   * joined); one that rejects or has not answered within READINESS_TIMEOUT_MS counts as false.
   */
  readinessChecks?: Record<string, () => Promise<boolean> | boolean>;
  /** The loops `/healthz` reads; the process's own unless a test gives its own. */
  liveness?: Liveness;
}

/** The body of every 4xx and 5xx: a stable code, a message that names the field, and the fields. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  fields?: { field: string; message: string }[];
}

/** A request that can never succeed as sent; the message names the field at fault. */
export class RequestError extends AppError {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: { field: string; message: string }[],
  ) {
    super('RequestError', message, { retriable: false });
  }

  /** 404 for a resource named by a path parameter, naming the parameter. */
  static notFound(field: string, value: string, what = 'appeal'): RequestError {
    return new RequestError(404, 'not_found', `${field}: no ${what} ${value}`, [{ field, message: `no such ${what}` }]);
  }

  static fromZod(error: z.ZodError, prefix = ''): RequestError {
    const fieldName = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.') || 'body';
    // zod reports unknown keys at their parent's path; the field at fault is each key itself.
    const fields = error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ field: fieldName([...issue.path, key]), message: 'is not a known field' }))
        : [{ field: fieldName(issue.path), message: issue.message }],
    );
    return new RequestError(400, 'validation_failed', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
  }
}

/** 415 naming the header and the types the route takes. */
export function unsupportedMediaType(given: string | undefined, accepts: readonly string[]): RequestError {
  const expected = `must be one of ${accepts.join(', ')}`;
  // The header is the client's text: cut short, it cannot flood the answer.
  const problem = given === undefined ? `is required with a body; ${expected}` : `${given.slice(0, 100)} is not accepted; ${expected}`;
  return new RequestError(415, 'unsupported_media_type', `content-type: ${problem}`, [{ field: 'content-type', message: expected }]);
}

/** The media type of a Content-Type header, without parameters, in lower case. */
function mediaTypeOf(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type === undefined || type === '' ? undefined : type;
}

/** As fastify decides whether to parse a body: a length above zero, or a chunked one. */
function logStuckLoops(logger: FastifyBaseLogger, stuck: readonly { loop: string; stuckForMs: number }[]): void {
  logger.error({ stuck: stuck.map(({ loop, stuckForMs }) => ({ loop, stuckForMs })) }, 'a background loop is stuck; /healthz answers 503 so the process is restarted');
}

function hasBody(headers: { 'content-length'?: string; 'transfer-encoding'?: string }): boolean {
  return headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
}

/** Parses `input` with `schema` or throws a 400 that names every field at fault. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw RequestError.fromZod(result.error, prefix);
  return result.data;
}

/**
 * A fastify instance with the fleet's conventions: request ids, no bodies in logs, one error
 * format, `/healthz` (the process makes progress), `/readyz` (it can take work) and `/metrics`
 * (Prometheus), with request counts, errors and durations by route template.
 */
export function createHttpServer({ logger, bodyLimitBytes = DEFAULT_BODY_LIMIT_BYTES, readinessChecks = {}, liveness = processLiveness }: HttpServerOptions): FastifyInstance {
  const loggerInstance: FastifyBaseLogger = logger.child({ component: 'http' });
  const app = Fastify({
    loggerInstance,
    bodyLimit: bodyLimitBytes,
    genReqId: () => randomUUID(),
    // One line per request from the hook below, with no URL query, headers or body.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
  });
  // Fastify reads text/plain bodies as strings by default; no API of the fleet takes one, and a
  // JSON route that got a string would answer 400 about the body instead of 415 about its type.
  app.removeContentTypeParser('text/plain');

  void app.register(fastifyOtel.plugin());

  app.addHook('preParsing', async (request) => {
    const accepts = request.routeOptions.config.accepts;
    if (accepts === undefined || !hasBody(request.headers)) return;
    const mediaType = mediaTypeOf(request.headers['content-type']);
    if (mediaType === undefined || !accepts.includes(mediaType)) throw unsupportedMediaType(mediaType, accepts);
  });

  app.addHook('onResponse', async (request, reply) => {
    if (PROBE_ROUTES.has(request.routeOptions.url ?? '')) return;
    // The route template, never the URL: ids and queries stay out of the labels.
    const route = request.routeOptions.url ?? 'unmatched';
    const status = String(reply.statusCode);
    requests.inc({ method: request.method, route, status });
    if (reply.statusCode >= 500) errors.inc({ method: request.method, route, status });
    durations.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    request.log.info(
      { method: request.method, route: request.routeOptions.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });

  app.setErrorHandler((error: FastifyError | RequestError | AppError, request, reply) => {
    if (error instanceof RequestError) {
      const body: ErrorBody = { statusCode: error.statusCode, code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
      return reply.status(error.statusCode).send(body);
    }
    // A broker or database that did not answer: the same request may succeed later.
    if (isRetriable(error)) {
      request.log.warn({ err: error }, 'dependency unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ statusCode: 503, code: 'unavailable', message: 'the service cannot accept this now; retry later' } satisfies ErrorBody);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // A route may allow more than the server (an upload); the limit said is the one that applied.
      const limit = request.routeOptions.bodyLimit ?? bodyLimitBytes;
      return reply.status(413).send({
        statusCode: 413,
        code: 'body_too_large',
        message: `body: the request body is larger than ${limit} bytes`,
        fields: [{ field: 'body', message: `larger than ${limit} bytes` }],
      } satisfies ErrorBody);
    }
    if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const refusal = unsupportedMediaType(mediaTypeOf(request.headers['content-type']), request.routeOptions.config.accepts ?? JSON_MEDIA_TYPES);
      return reply.status(415).send({ statusCode: 415, code: refusal.code, message: refusal.message, fields: refusal.fields } satisfies ErrorBody);
    }
    if (fastifyError.statusCode !== undefined && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      // Malformed or empty JSON is the body's fault.
      return reply.status(fastifyError.statusCode).send({
        statusCode: fastifyError.statusCode,
        code: 'bad_request',
        message: `body: ${fastifyError.message}`,
        fields: [{ field: 'body', message: fastifyError.message }],
      } satisfies ErrorBody);
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ statusCode: 500, code: 'internal', message: 'internal error' } satisfies ErrorBody);
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ statusCode: 404, code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } satisfies ErrorBody),
  );

  // 503 while a background loop has held work without progress past its bound: the process
  // answers HTTP but does nothing, and only a restart helps. A dependency that is down is not
  // that (its calls fail within their bounds and are retried); /readyz tells of it.
  app.get('/healthz', async (_request, reply) => {
    const stuck = liveness.stuck();
    if (stuck.length === 0) return { status: 'ok' };
    logStuckLoops(loggerInstance, stuck);
    return reply.status(503).send({
      status: 'stuck',
      stuck: stuck.map(({ loop, stuckForMs, boundMs }) => ({ loop, stuckForSeconds: Math.round(stuckForMs / 1000), boundSeconds: Math.round(boundMs / 1000) })),
    });
  });
  app.get('/metrics', async (_request, reply) => reply.type(METRICS_CONTENT_TYPE).send(await renderMetrics()));
  // Each check bounded in time, and never run twice at once however many probes arrive.
  const bounded = Object.entries(readinessChecks).map(([name, check]) => [name, readinessCheck(check, { timeoutMs: READINESS_TIMEOUT_MS })] as const);
  app.get('/readyz', async (_request, reply) => {
    const results = await Promise.all(bounded.map(async ([name, check]) => [name, await check()] as const));
    const checks = Object.fromEntries(results);
    const ready = results.every(([, ok]) => ok);
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });

  return app;
}
