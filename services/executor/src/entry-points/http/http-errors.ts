import { forbidden } from '@priemnaya/auth';
import { RequestError } from '@priemnaya/http';
import { AccessDenied, TaskNotFound, WorkConflict, WorkRefused } from '../../use-cases/work-errors.js';

/** The HTTP answer for the use cases' refusals: 403, 404, 409 `refused` with the rule, 409 `conflict`. */
export function toRequestError(error: unknown): unknown {
  if (error instanceof AccessDenied) {
    const refusal = forbidden(error.message);
    return new RequestError(refusal.statusCode, refusal.code, error.message, [{ field: error.field, message: error.message.replace(/^\w+: /, '') }]);
  }
  if (error instanceof TaskNotFound) return new RequestError(404, 'not_found', error.message, [{ field: 'appealId', message: 'no such task in the unit' }]);
  if (error instanceof WorkRefused) return new RequestError(409, 'refused', error.message);
  if (error instanceof WorkConflict) return new RequestError(409, 'conflict', error.message);
  return error;
}

/** Runs a handler and answers its refusals as HTTP errors. */
export async function answering<T>(handler: () => Promise<T>): Promise<T> {
  try {
    return await handler();
  } catch (error) {
    throw toRequestError(error);
  }
}
