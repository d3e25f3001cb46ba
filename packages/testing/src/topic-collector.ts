import type { Kafka } from '@priemnaya/kafka';
import { uniqueName } from './infra.js';
import { waitFor } from './wait-for.js';

export interface CollectedMessage {
  topic: string;
  partition: number;
  key: string | null;
  headers: Record<string, string>;
  /** The value parsed as JSON, or its text when it is not JSON. */
  value: unknown;
}

export interface TopicCollector {
  /** Every message read so far, in the order it arrived; wait on it with waitFor. */
  messages: CollectedMessage[];
  /** The messages of one appeal (by the `appealId` of the payload). */
  ofAppeal(appealId: string): CollectedMessage[];
  /** Waits until a message of the appeal has been read; returns the appeal's messages read so far. */
  waitForAppeal(appealId: string): Promise<CollectedMessage[]>;
  /**
   * Waits until every message the topics hold now has been read, so that a count taken after it
   * is final for everything produced before the call.
   */
  readToEnd(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads what a service produced: the topics from the beginning, under a consumer group of its
 * own, so it sees every message whenever it joins and never takes one from the service.
 */
export async function collectTopics(kafka: Kafka, topics: string[], options: { readUncommitted?: boolean } = {}): Promise<TopicCollector> {
  // A short fetch wait keeps disconnect quick; the collector reads a handful of messages. It reads
  // committed, as the fleet's consumers do; read_uncommitted shows what aborted transactions left.
  const consumer = kafka.consumer({
    groupId: uniqueName('collector'),
    maxWaitTimeInMs: 250,
    allowAutoTopicCreation: false,
    readUncommitted: options.readUncommitted ?? false,
  });
  const messages: CollectedMessage[] = [];
  const nextOffsets = new Map<string, number>();
  // On a topic written in transactions the last offset is a commit marker, never delivered as a
  // message: the batch's last offset says how far the topic has been read.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const key = `${payload.topic}/${payload.partition}`;
    nextOffsets.set(key, Math.max(nextOffsets.get(key) ?? 0, Number(payload.lastOffset) + 1));
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          const first = Array.isArray(value) ? value[0] : value;
          if (first !== undefined) headers[name] = first.toString();
        }
        messages.push({ topic, partition, key: message.key?.toString() ?? null, headers, value: decode(message.value) });
        nextOffsets.set(`${topic}/${partition}`, Number(message.offset) + 1);
      },
    });
  } catch (error) {
    await consumer.disconnect();
    throw error;
  }
  const ofAppeal = (appealId: string) => messages.filter((message) => appealIdOf(message.value) === appealId);
  return {
    messages,
    ofAppeal,
    waitForAppeal: (appealId) =>
      waitFor(() => (ofAppeal(appealId).length > 0 ? ofAppeal(appealId) : undefined), {
        description: `appeal ${appealId} on ${topics.join(', ')}`,
      }),
    async readToEnd() {
      const ends = await endOffsets(kafka, topics);
      await waitFor(() => ends.every(({ key, end }) => (nextOffsets.get(key) ?? 0) >= end), {
        description: `the collector to read ${topics.join(', ')} to the end`,
      });
    },
    stop: () => consumer.disconnect(),
  };
}

async function endOffsets(kafka: Kafka, topics: string[]): Promise<{ key: string; end: number }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const perTopic = await Promise.all(
      topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ key: `${topic}/${partition}`, end: Number(high) }))),
    );
    return perTopic.flat();
  } finally {
    await admin.disconnect();
  }
}

function decode(value: Buffer | null): unknown {
  if (value === null) return null;
  const text = value.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function appealIdOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { appealId?: unknown }).appealId : undefined;
}
