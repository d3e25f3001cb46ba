import { status as Status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { counter, histogram } from '@priemnaya/observability';
import type { Logger } from 'pino';
import { GrpcRequestError, toServiceError } from './grpc-errors.js';
import { extractTraceMetadata } from './grpc-trace.js';

const tracer = trace.getTracer('@priemnaya/grpc');

/** Labels are the method and the status code's name: never anything from the request. */
const calls = counter('priemnaya_grpc_requests_total', 'gRPC calls answered, by method and status code', ['method', 'code']);
const errors = counter('priemnaya_grpc_request_errors_total', 'gRPC calls that failed other than by a refused request (the server or a dependency), by method and status code', ['method', 'code']);
const durations = histogram('priemnaya_grpc_request_duration_seconds', 'Time to answer a gRPC call, by method', ['method'], [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

function observe(method: string, code: Status, started: number, refused: boolean): void {
  const codeName = Status[code] ?? String(code);
  calls.inc({ method, code: codeName });
  if (code !== Status.OK && !refused) errors.inc({ method, code: codeName });
  durations.observe({ method }, (performance.now() - started) / 1000);
}

/**
 * Adapts an async handler to grpc-js's callback style: the result or a mapped error, and a log
 * line per call with the method and outcome only (requests carry personal data), and the call
 * counted by method and status code with its duration. The handler runs in a server span that
 * continues the caller's trace from the call's metadata.
 */
export function unary<Req, Res>(
  method: string,
  logger: Logger,
  handler: (request: Req, call: ServerUnaryCall<Req, Res>) => Promise<Res>,
): (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void {
  return (call, callback) => {
    const started = performance.now();
    const span = tracer.startSpan(method, { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc', 'rpc.method': method } }, extractTraceMetadata(call.metadata));
    context.with(trace.setSpan(context.active(), span), () => handler(call.request, call)).then(
      (response) => {
        logger.info({ method, code: 'OK', ms: Math.round(performance.now() - started) }, 'grpc call completed');
        observe(method, Status.OK, started, false);
        span.setAttribute('rpc.grpc.status_code', Status.OK);
        span.end();
        callback(null, response);
      },
      (error: unknown) => {
        const serviceError = toServiceError(error);
        span.setAttribute('rpc.grpc.status_code', serviceError.code ?? Status.UNKNOWN);
        if (!(error instanceof GrpcRequestError)) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        const level = error instanceof GrpcRequestError ? 'info' : 'error';
        observe(method, serviceError.code ?? Status.UNKNOWN, started, error instanceof GrpcRequestError);
        logger[level](
          { method, code: serviceError.code, ms: Math.round(performance.now() - started), ...(level === 'error' ? { err: error } : {}) },
          'grpc call failed',
        );
        callback(serviceError, null);
      },
    );
  };
}
