import { randomUUID } from 'node:crypto';
import { AppealReceived, type TopicNames } from '@priemnaya/contracts';
import type { Kafka } from '@priemnaya/kafka';
import { personKeys, textSignature } from '@priemnaya/prescreen';
import type { Logger } from 'pino';
import { screenedAuthor } from '../../domain/pre-screen.js';
import type { PersonWindow } from '../../domain/person-window.js';

/**
 * Keeps the person window of this replica up to date with every appeal any replica registered:
 * reads `appeals.received` from the start of the window (by timestamp) under a group of its own,
 * committing nothing, so each replica rebuilds its window at start and then follows the topic.
 * Ready once it has read what the topic held when it started.
 */
export function createPersonWindowFeed(deps: { kafka: Kafka; names: TopicNames; window: PersonWindow; windowMs: number; clock: () => Date; logger: Logger }) {
  const topic = deps.names.of('appeals.received');
  const consumer = deps.kafka.consumer({ groupId: `ingest-person-window-${randomUUID()}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  const remaining = new Map<number, number>();
  let caughtUp = false;

  function settle(partition: number, nextOffset: number): void {
    const target = remaining.get(partition);
    if (target !== undefined && nextOffset >= target) remaining.delete(partition);
    if (!caughtUp && remaining.size === 0) {
      caughtUp = true;
      deps.logger.info({ personKeys: deps.window.size() }, 'person window loaded');
    }
  }

  return {
    async start(): Promise<void> {
      const admin = deps.kafka.admin();
      await admin.connect();
      let starts: { partition: number; offset: string }[];
      let ends: { partition: number; high: string }[];
      try {
        starts = await admin.fetchTopicOffsetsByTimestamp(topic, deps.clock().getTime() - deps.windowMs);
        ends = await admin.fetchTopicOffsets(topic);
      } finally {
        await admin.disconnect();
      }
      for (const { partition, high } of ends) remaining.set(partition, Number(high));
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: false });
      await consumer.run({
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
          settle(partition, Number(message.offset) + 1);
        },
      });
      for (const { partition, offset } of starts) {
        consumer.seek({ topic, partition, offset });
        settle(partition, Number(offset));
      }
    },
    ready: (): boolean => caughtUp,
    stop: () => consumer.disconnect(),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
