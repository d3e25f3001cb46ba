import { randomUUID } from 'node:crypto';
import { AppealReceived, type TopicNames } from '@priemnaya/contracts';
import { isRetriable } from '@priemnaya/errors';
import { superviseConsumer, type Kafka } from '@priemnaya/kafka';
import { personKeys, textSignature } from '@priemnaya/prescreen';
import type { Logger } from 'pino';
import { screenedAuthor } from '../../domain/pre-screen.js';
import type { PersonWindow } from '../../domain/person-window.js';

const OFFSET_ATTEMPTS = 10;

/**
 * Keeps the person window of this replica up to date with every appeal any replica registered:
 * reads `appeals.received` from the start of the window (by timestamp) under a group of its own,
 * committing nothing, so each replica rebuilds its window at start and then follows the topic.
 * Ready once it has read what the topic held when it started.
 *
 * The group commits nothing, so where to read is kept here: each partition's next offset, first
 * the window's start, then past each message handled. kafkajs forgets seeks when it starts the
 * consumer again (after a failed join, a crash, or the broker being away), so the positions are
 * sought on every join of the group, and the window neither misses nor needs what it already has
 * (a message read twice changes nothing).
 */
export function createPersonWindowFeed(deps: {
  kafka: Kafka;
  names: TopicNames;
  window: PersonWindow;
  windowMs: number;
  clock: () => Date;
  logger: Logger;
  /** A crash kafkajs will not recover from, other than the broker being away. */
  onFatal?: (error: unknown) => void;
}) {
  const topic = deps.names.of('appeals.received');
  const groupId = `ingest-person-window-${randomUUID()}`;
  const consumer = deps.kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  const remaining = new Map<number, number>();
  const positions = new Map<number, string>();
  let caughtUp = false;

  const run = () =>
    consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const parsed = message.value ? AppealReceived.safeParse(safeJson(message.value.toString('utf8'))) : undefined;
        // What does not parse is the router's to dead-letter; the window just leaves it out.
        if (parsed?.success) {
          const appeal = parsed.data;
          deps.window.add(personKeys(screenedAuthor(appeal.author)), {
            appealId: appeal.appealId,
            registrationNumber: appeal.registrationNumber,
            channel: appeal.channel,
            receivedAt: new Date(appeal.receivedAt),
            signature: textSignature(appeal.text),
          });
        }
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
      deps.logger.info({ personKeys: deps.window.size() }, 'person window loaded');
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
