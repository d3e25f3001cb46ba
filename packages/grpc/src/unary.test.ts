import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { renderMetrics } from '@priemnaya/observability';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { GrpcRequestError } from './grpc-errors.js';
import { unary } from './unary.js';

const logger = pino({ level: 'silent' });

function call<Res>(handler: (request: { text: string }) => Promise<Res>): Promise<{ error: unknown; response: Res | null | undefined }> {
  return new Promise((resolve) => {
    const callback: sendUnaryData<Res> = (error, response) => resolve({ error, response });
    unary('test.v1.Test/Do', logger, handler)({ request: { text: 'Петрова пишет' } } as ServerUnaryCall<{ text: string }, Res>, callback);
  });
}

describe('unary', () => {
  it('counts each call by method and status code, counts as errors only what was not a refused request, and times it, with nothing from the request', async () => {
    await call(async () => ({ ok: true }));
    await call(async () => {
      throw new GrpcRequestError(status.INVALID_ARGUMENT, 'text: too long', [{ field: 'text', message: 'too long' }]);
    });
    const failed = await call(async () => {
      throw new Error('the database is gone');
    });
    expect((failed.error as { code: status }).code).toBe(status.INTERNAL);

    const text = await renderMetrics();
    expect(text).toContain('priemnaya_grpc_requests_total{method="test.v1.Test/Do",code="OK"} 1');
    expect(text).toContain('priemnaya_grpc_requests_total{method="test.v1.Test/Do",code="INVALID_ARGUMENT"} 1');
    expect(text).toContain('priemnaya_grpc_requests_total{method="test.v1.Test/Do",code="INTERNAL"} 1');
    expect(text).toContain('priemnaya_grpc_request_errors_total{method="test.v1.Test/Do",code="INTERNAL"} 1');
    expect(text).not.toContain('priemnaya_grpc_request_errors_total{method="test.v1.Test/Do",code="INVALID_ARGUMENT"}');
    expect(text).toContain('priemnaya_grpc_request_duration_seconds_count{method="test.v1.Test/Do"} 3');
    expect(text).not.toContain('Петрова');
  });
});
