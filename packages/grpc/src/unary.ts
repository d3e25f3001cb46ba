import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { GrpcRequestError, toServiceError } from './grpc-errors.js';

/**
 * Adapts an async handler to grpc-js's callback style: the result or a mapped error, and a log
 * line per call with the method and outcome only (requests carry personal data).
 */
export function unary<Req, Res>(
  method: string,
  logger: Logger,
  handler: (request: Req, call: ServerUnaryCall<Req, Res>) => Promise<Res>,
): (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void {
  return (call, callback) => {
    const started = performance.now();
    handler(call.request, call).then(
      (response) => {
        logger.info({ method, code: 'OK', ms: Math.round(performance.now() - started) }, 'grpc call completed');
        callback(null, response);
      },
      (error: unknown) => {
        const serviceError = toServiceError(error);
        const level = error instanceof GrpcRequestError ? 'info' : 'error';
        logger[level](
          { method, code: serviceError.code, ms: Math.round(performance.now() - started), ...(level === 'error' ? { err: error } : {}) },
          'grpc call failed',
        );
        callback(serviceError, null);
      },
    );
  };
}
