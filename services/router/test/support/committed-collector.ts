import type { Kafka } from '@priemnaya/kafka';
import { type CollectedMessage, type TopicCollector, uniqueName, waitFor } from '@priemnaya/testing';

/**
 * Reads what the router produced, as its consumers do: from the beginning, read_committed (or,
 * to see what aborted transactions left in the log, read_uncommitted). Unlike the shared
 * collector, the end of a partition is tracked by batches rather than messages: a transaction's
 * commit marker takes an offset that no message has, so the last message of a topic written in
 * transactions is never at its high watermark.
 */
export async function collectCommitted(kafka: Kafka, topics: string[], options: { readUncommitted?: boolean } = {}): Promise<TopicCollector> {
  const consumer = kafka.consumer({
    groupId: uniqueName('collector'),
    maxWaitTimeInMs: 250,
    allowAutoTopicCreation: false,
    readUncommitted: options.readUncommitted ?? false,
  });
  const messages: CollectedMessage[] = [];
  const nextOffsets = new Map<string, bigint>();
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    nextOffsets.set(`${payload.topic}/${payload.partition}`, BigInt(payload.lastOffset) + 1n);
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
      waitFor(() => (ofAppeal(appealId).length > 0 ? ofAppeal(appealId) : undefined), { description: `appeal ${appealId} on ${topics.join(', ')}` }),
    async readToEnd() {
      const admin = kafka.admin();
      await admin.connect();
      let ends: { key: string; end: bigint }[];
      try {
        const perTopic = await Promise.all(
          topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ key: `${topic}/${partition}`, end: BigInt(high) }))),
        );
        ends = perTopic.flat();
      } finally {
        await admin.disconnect();
      }
      await waitFor(() => ends.every(({ key, end }) => end === 0n || (nextOffsets.get(key) ?? 0n) >= end), {
        description: `the collector to read ${topics.join(', ')} to the end`,
      });
    },
    stop: () => consumer.disconnect(),
  };
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
