import type { Logger } from 'pino';

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

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sweep()
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
    },
  };
}
