import { liveness } from '@priemnaya/observability';
import type { Logger } from 'pino';
import { sleep } from '../../use-cases/retry-with-backoff.js';
import type { PageOutcome } from '../../use-cases/pull-items-page.js';

/**
 * How long one page may be in hand before the process counts as stuck: longer than a page's
 * slowest honest pull (each call's timeout, its retries reporting progress as they go).
 */
export const PAGE_LIVENESS_BOUND_MS = 300_000;

export interface FeedPoller {
  /** Lets the page in flight finish (its retries cut after `graceMs`), then stops. */
  stop(): Promise<void>;
}

/**
 * Pulls pages one after another while the platform has more, then waits the interval. A page
 * that fails is logged and read again at the next turn (its cursor was not saved).
 */
export function startFeedPoller(options: {
  pullPage: (signal: AbortSignal) => Promise<PageOutcome>;
  intervalMs: number;
  graceMs: number;
  logger: Logger;
}): FeedPoller {
  const { pullPage, intervalMs, logger } = options;
  const idle = new AbortController();
  const inFlight = new AbortController();
  let stopping = false;
  const progress = liveness.watch('poll platform', { boundMs: PAGE_LIVENESS_BOUND_MS });

  async function run(): Promise<void> {
    while (!stopping) {
      let hasMore = false;
      try {
        ({ hasMore } = await progress.run(() => pullPage(inFlight.signal)));
      } catch (error) {
        logger.error({ err: error }, 'platform page not registered; it will be read again');
      }
      if (!hasMore && !stopping) await sleep(intervalMs, idle.signal);
    }
  }
  const running = run();

  return {
    async stop() {
      stopping = true;
      idle.abort();
      const grace = setTimeout(() => inFlight.abort(), options.graceMs);
      await running;
      clearTimeout(grace);
      progress.close();
    },
  };
}
