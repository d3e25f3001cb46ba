import { randomUUID } from 'node:crypto';
import { isRetriable } from '@priemnaya/errors';
import { CONSUMER_SESSION, superviseConsumer, type Kafka } from '@priemnaya/kafka';
import type { Logger } from 'pino';

const OFFSET_ATTEMPTS = 10;

/**
 * Reads a topic from the start of a time window under a group of its own, committing nothing, so
 * each replica rebuilds what it keeps in memory at start and then follows the topic. Ready once
 * it has read what the topic held when it started.
 *
 * The group commits nothing, so where to read is kept here: each partition's next offset, first
 * the window's start, then past each message handled. kafkajs forgets seeks when it starts the
 * consumer again (after a failed join, a crash, or the broker being away), so the positions are
 * sought on every join of the group, and the window neither misses nor needs what it already has
 * (`handle` must be idempotent: a message may be read twice).
 */
export function createWindowReplay(deps: {
  kafka: Kafka;
  /** The physical topic name. */
  topic: string;
  /** Names the group: `<groupPrefix>-<uuid>`, one per replica and start. */
  groupPrefix: string;
  windowMs: number;
  clock: () => Date;
  logger: Logger;
  /** Each message's parsed JSON (undefined when it is not JSON); what it cannot use it leaves out. */
  handle: (value: unknown) => void;
  /** Logged once, when what the topic held at start has been read. */
  onLoaded: () => void;
  /** A crash kafkajs will not recover from, other than the broker being away. */
  onFatal?: ((error: unknown) => void) | undefined;
}) {
  const { topic } = deps;
  const groupId = `${deps.groupPrefix}-${randomUUID()}`;
  const consumer = deps.kafka.consumer({ groupId, ...CONSUMER_SESSION, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  const remaining = new Map<number, number>();
  const positions = new Map<number, string>();
  let caughtUp = false;

  const run = () =>
    consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        deps.handle(message.value ? safeJson(message.value.toString('utf8')) : undefined);
        const next = Number(message.offset) + 1;
        positions.set(partition, String(next));
        settle(partition, next);
      },
    });
  const restarter = superviseConsumer({
    consumer,
    run,
    groupId,
    logger: deps.logger,
    onFatal: deps.onFatal,
    onJoin: () => {
      for (const [partition, offset] of positions) consumer.seek({ topic, partition, offset });
    },
  });

  function settle(partition: number, nextOffset: number): void {
    const target = remaining.get(partition);
    if (target !== undefined && nextOffset >= target) remaining.delete(partition);
    if (!caughtUp && remaining.size === 0) {
      caughtUp = true;
      deps.onLoaded();
    }
  }

  /**
   * Where the window starts and where the topic ends now, per partition. Just after the topic's
   * creation or a leader change the broker answers "not the leader" for a moment: retried.
   */
  async function windowOffsets(): Promise<{ starts: { partition: number; offset: string }[]; ends: { partition: number; high: string }[] }> {
    const admin = deps.kafka.admin();
    await admin.connect();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const starts = await admin.fetchTopicOffsetsByTimestamp(topic, deps.clock().getTime() - deps.windowMs);
          const ends = await admin.fetchTopicOffsets(topic);
          return { starts, ends };
        } catch (error) {
          if (!isRetriable(error) || attempt >= OFFSET_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  return {
    async start(): Promise<void> {
      const { starts, ends } = await windowOffsets();
      for (const { partition, high } of ends) remaining.set(partition, Number(high));
      for (const { partition, offset } of starts) {
        positions.set(partition, offset);
        settle(partition, Number(offset));
      }
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: false });
      await run();
    },
    ready: (): boolean => caughtUp,
    async stop(): Promise<void> {
      restarter.cancel();
      await consumer.disconnect();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
