import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';

/** Errors kafkajs deems final though they mean only that the broker was not reached in time. */
const BROKER_AWAY = new Set(['KafkaJSGroupCoordinatorNotFound', 'KafkaJSLockTimeout', 'KafkaJSTimeout']);

/** Whether a consumer's crash, or anything in its chain of causes, is the broker having been away. */
export function isBrokerAway(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth++) {
    if (BROKER_AWAY.has(current.name)) return true;
    current = current.cause;
  }
  return false;
}

export interface CrashRestarter {
  /** Starts the consumer again after a pause; a restart already waiting is not doubled. */
  schedule(): void;
  /** The consumer joined its group: the next pause starts short again. */
  joined(): void;
  /** No more restarts (the consumer is being stopped). */
  cancel(): void;
}

export interface CrashRestarterOptions {
  consumer: Consumer;
  /** `consumer.run` with the consumer's own configuration (its subscriptions are kept). */
  run: () => Promise<void>;
  groupId: string;
  logger: Logger;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * kafkajs restarts a consumer after a crash it deems retriable, and stops it for good after one it
 * deems final, such as no group coordinator found while the broker is going away or coming back;
 * the process would then stop. Such a crash only means the broker was away, so the consumer is
 * started again here, after a pause growing to `maxDelayMs`, as often as it takes: it joins its
 * group again and reads from the committed offsets, as after a restart of the process, while
 * `/readyz` says the broker is gone.
 */
export function createCrashRestarter({ consumer, run, groupId, logger, initialDelayMs = 1_000, maxDelayMs = 10_000 }: CrashRestarterOptions): CrashRestarter {
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  let delayMs = initialDelayMs;

  async function restart(): Promise<void> {
    // kafkajs disconnected the consumer when it crashed.
    await consumer.connect();
    if (cancelled) {
      await consumer.disconnect();
      return;
    }
    // A start whose join fails crashes again, and the crash schedules the next one.
    await run();
  }

  function schedule(): void {
    if (cancelled || timer !== undefined) return;
    logger.warn({ groupId, inMs: delayMs }, 'consumer stopped while the broker was away; starting it again');
    timer = setTimeout(() => {
      timer = undefined;
      if (cancelled) return;
      restart().catch((error: unknown) => {
        logger.warn({ groupId, err: error }, 'could not start the consumer again; trying later');
        schedule();
      });
    }, delayMs);
    delayMs = Math.min(delayMs * 2, maxDelayMs);
  }

  return {
    schedule,
    joined() {
      delayMs = initialDelayMs;
    },
    cancel() {
      cancelled = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

export interface SuperviseOptions extends CrashRestarterOptions {
  /** A crash kafkajs will not recover from and that was not the broker being away. */
  onFatal?: ((error: unknown) => void) | undefined;
  /** Every join of the group, the first and each after a restart. */
  onJoin?: (memberAssignment: Record<string, number[]>) => void;
  /** Every crash, before kafkajs or the restarter starts the consumer again. */
  onCrash?: () => void;
}

/**
 * Watches a consumer's crashes: kafkajs starts it again after one it deems retriable; after one
 * that was only the broker being away the crash restarter does; any other crash ends it through
 * `onFatal` (the process exits and is restarted). Returns the restarter, to cancel on stop.
 */
export function superviseConsumer(options: SuperviseOptions): CrashRestarter {
  const { consumer, groupId, logger, onFatal, onJoin, onCrash } = options;
  const restarter = createCrashRestarter(options);
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    restarter.joined();
    onJoin?.(event.payload.memberAssignment);
  });
  consumer.on(consumer.events.CRASH, (event) => {
    logger.error({ groupId, err: event.payload.error, restart: event.payload.restart }, 'consumer crashed');
    onCrash?.();
    if (event.payload.restart) return;
    if (isBrokerAway(event.payload.error)) restarter.schedule();
    else onFatal?.(event.payload.error);
  });
  return restarter;
}
