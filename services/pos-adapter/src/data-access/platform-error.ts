import { AppError } from '@priemnaya/errors';

/**
 * A call to the platform that failed. `retriable` follows the contract's error table: timeouts,
 * network errors, 5xx and 429 are worth another attempt, the rest are not.
 */
export class PlatformError extends AppError {
  constructor(
    message: string,
    readonly details: { status?: number; code: string; retriable: boolean; retryAfterMs?: number; field?: string; cause?: unknown },
  ) {
    super('PlatformError', message, { retriable: details.retriable, cause: details.cause });
  }

  get code(): string {
    return this.details.code;
  }
}
