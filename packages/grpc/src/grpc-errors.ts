import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { AppError, isRetriable } from '@priemnaya/errors';
import type { z } from 'zod';

/** A call that can never succeed as sent; the message names the field at fault. */
export class GrpcRequestError extends AppError {
  constructor(
    readonly code: status,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super('GrpcRequestError', message, { retriable: false });
  }

  static fromZod(error: z.ZodError, prefix = ''): GrpcRequestError {
    const fieldName = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.') || 'request';
    const fields = error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ field: fieldName([...issue.path, key]), message: 'is not a known field' }))
        : [{ field: fieldName(issue.path), message: issue.message }],
    );
    return new GrpcRequestError(status.INVALID_ARGUMENT, fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
  }

  static notFound(field: string, value: string, what: string): GrpcRequestError {
    return new GrpcRequestError(status.NOT_FOUND, `${field}: no ${what} ${value}`, [{ field, message: `no such ${what}` }]);
  }
}

/** Parses `input` with `schema` or throws INVALID_ARGUMENT naming every field at fault. */
export function parseCall<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw GrpcRequestError.fromZod(result.error, prefix);
  return result.data;
}

/**
 * The status a client sees for an error: its own mistakes with the field named, UNAVAILABLE for
 * what a retry can fix, INTERNAL without detail for the rest (details may quote personal data).
 */
export function toServiceError(error: unknown): Partial<ServiceError> {
  if (error instanceof GrpcRequestError) {
    const metadata = new Metadata();
    if (error.fields.length > 0) metadata.set('invalid-fields', error.fields.map((f) => f.field).join(','));
    return { code: error.code, details: error.message, metadata };
  }
  if (isRetriable(error)) return { code: status.UNAVAILABLE, details: 'a dependency is unavailable; retry with the same idempotency key' };
  return { code: status.INTERNAL, details: 'internal error' };
}
