import { isRetriable } from '@priemnaya/errors';
import { reportProgress } from '@priemnaya/observability';
import type { Logger } from 'pino';
import { retryDelayMs, type RetryPolicy } from '../domain/retry-delay.js';
import { PlatformError } from '../data-access/platform-error.js';

export type Retry = <T>(operation: string, call: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

/**
 * Runs `call` until it succeeds, fails with an error a retry cannot help, or runs out of
 * attempts; between attempts it waits per the policy, honouring the server's Retry-After. An
 * aborted signal ends the wait and rethrows the last error.
 */
export function createRetry(policy: RetryPolicy, logger: Logger, random: () => number = Math.random): Retry {
  return async (operation, call, signal) => {
    for (let attempt = 1; ; attempt++) {
      // Each attempt is progress: retrying a platform that is down is not a wedged process.
      reportProgress();
      try {
        return await call();
      } catch (error) {
        if (!isRetriable(error) || attempt >= policy.maxAttempts || signal?.aborted) throw error;
        const retryAfterMs = error instanceof PlatformError ? error.details.retryAfterMs : undefined;
        const delayMs = retryDelayMs(attempt, policy, retryAfterMs, random);
        logger.warn({ operation, attempt, delayMs, code: (error as { code?: unknown }).code }, 'call failed, will retry');
        await sleep(delayMs, signal);
        if (signal?.aborted) throw error;
      }
    }
  };
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
