import { liveness } from '@priemnaya/observability';
import type { Logger } from 'pino';

/** A sweep settles at most a few hundred outcomes, each a bounded database call. */
const SWEEP_LIVENESS_BOUND_MS = 120_000;

export interface PrecisionSweep {
  /** Stops scheduling and waits for a sweep in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs the guard's sweep every `intervalMs`, one at a time (the next is scheduled when the last
 * ends, so a slow database never piles sweeps up). A failed sweep is logged; the next one retries,
 * and every replica sweeps, so no single one is needed.
 */
export function startPrecisionSweep(sweep: () => Promise<number>, intervalMs: number, logger: Logger): PrecisionSweep {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const progress = liveness.watch('settle precision outcomes', { boundMs: SWEEP_LIVENESS_BOUND_MS });

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = progress
        .run(sweep)
        .then((settled) => {
          if (settled > 0) logger.info({ settled }, 'precision guard settled the outcomes that waited out the settling period');
        })
        .catch((error: unknown) => logger.warn({ err: error }, 'precision guard sweep failed; the next one retries'))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      progress.close();
    },
  };
}
