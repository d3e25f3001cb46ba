import type { Logger } from 'pino';

export interface ShutdownStep {
  /** Shown in logs when the step runs, fails or times out. */
  name: string;
  run: () => Promise<void> | void;
}

export interface Shutdown {
  /** Steps run in the order they were added: stop intake first, close connections last. */
  add(step: ShutdownStep): void;
  /** Runs every step once; later calls wait for the first. */
  run(reason: string): Promise<void>;
  /** Traps SIGTERM and SIGINT once; the process exits when the steps finish or the deadline passes. */
  trapSignals(): void;
}

export interface ShutdownOptions {
  logger: Logger;
  /** A hard deadline: past it the process exits even if a step hangs. */
  timeoutMs?: number;
  exit?: (code: number) => void;
  /** Where SIGTERM and SIGINT arrive; the process, unless a test sends them. */
  signals?: Pick<NodeJS.EventEmitter, 'once'>;
}

export function createShutdown({ logger, timeoutMs = 15_000, exit = (code) => process.exit(code), signals = process }: ShutdownOptions): Shutdown {
  const steps: ShutdownStep[] = [];
  let running: Promise<void> | undefined;
  let failed = false;
  /** The step running now, to name the one that hangs when the deadline passes. */
  let current: string | undefined;

  async function runSteps(reason: string): Promise<void> {
    logger.info({ reason }, 'shutting down');
    for (const step of steps) {
      const started = performance.now();
      current = step.name;
      try {
        await step.run();
        logger.info({ step: step.name, ms: Math.round(performance.now() - started) }, 'shutdown step done');
      } catch (error) {
        failed = true;
        logger.error({ step: step.name, err: error }, 'shutdown step failed');
      }
    }
    current = undefined;
    logger.info('shut down');
  }

  const shutdown: Shutdown = {
    add(step) {
      steps.push(step);
    },
    run(reason) {
      running ??= runSteps(reason);
      return running;
    },
    trapSignals() {
      const onSignal = (signal: NodeJS.Signals) => {
        const timer = setTimeout(() => {
          logger.error({ timeoutMs, step: current }, 'shutdown deadline passed, exiting');
          exit(1);
        }, timeoutMs);
        timer.unref();
        void shutdown.run(signal).then(() => {
          clearTimeout(timer);
          exit(failed ? 1 : 0);
        });
      };
      signals.once('SIGTERM', onSignal);
      signals.once('SIGINT', onSignal);
    },
  };
  return shutdown;
}
