import { status } from '@grpc/grpc-js';
import { GrpcRequestError } from '@priemnaya/grpc';
import type { z } from 'zod';
import { AccessDenied, TaskNotFound, WorkConflict, WorkRefused } from '../../use-cases/work-errors.js';

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Parses a request mapped onto the HTTP schema, naming the fields at fault as the proto does. */
export function parseProto<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.flatMap((issue) => {
    const path = issue.path.map((part) => snake(String(part)));
    return issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: [...path, snake(key)].join('.'), message: 'is not a known field' }))
      : [{ field: path.join('.') || 'request', message: issue.message }];
  });
  throw new GrpcRequestError(status.INVALID_ARGUMENT, fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
}

/** proto3 sends an unset optional string as "": such fields count as absent. */
export function withoutBlanks<T extends Record<string, unknown>>(fields: T, optional: readonly (keyof T)[]): Partial<T> {
  const copy: Partial<T> = { ...fields };
  for (const key of optional) if (copy[key] === '') delete copy[key];
  return copy;
}

/** The gRPC status for the use cases' refusals. */
export function toGrpcError(error: unknown): unknown {
  if (error instanceof AccessDenied) return new GrpcRequestError(status.PERMISSION_DENIED, error.message, [{ field: snake(error.field), message: error.message }]);
  if (error instanceof TaskNotFound) return new GrpcRequestError(status.NOT_FOUND, error.message.replace(/^appealId/, 'appeal_id'), [{ field: 'appeal_id', message: 'no such task in the unit' }]);
  if (error instanceof WorkRefused) return new GrpcRequestError(status.FAILED_PRECONDITION, error.message);
  if (error instanceof WorkConflict) return new GrpcRequestError(status.ABORTED, error.message);
  return error;
}

export async function answering<T>(handler: () => Promise<T>): Promise<T> {
  try {
    return await handler();
  } catch (error) {
    throw toGrpcError(error);
  }
}
