import { cachedValue, collectedGauge, counter } from '@priemnaya/observability';
import type { Kafka } from 'kafkajs';
import { createLazyAdmin } from './lazy-admin.js';

/** Labels are physical topic names and partitions: never keys or values. */
export const consumedMessages = counter('priemnaya_kafka_messages_consumed_total', 'Messages handled by a consumer, by topic and outcome (handled, dead-lettered, retried)', [
  'topic',
  'outcome',
]);
export const publishedMessages = counter('priemnaya_kafka_messages_published_total', 'Messages acknowledged by the broker, by topic', ['topic']);
export const deadLetteredMessages = counter('priemnaya_kafka_messages_dead_lettered_total', 'Messages sent to a dead-letter topic, by the topic they came from', ['topic']);

/** How often the lag may be read from the broker, whatever the scrape interval. */
const LAG_MAX_AGE_MS = 10_000;

interface LagPoint {
  labels: { group: string; topic: string; partition: number };
  value: number;
}

const lagSources = new Set<() => Promise<LagPoint[]>>();

collectedGauge('priemnaya_kafka_consumer_lag', 'Messages not yet consumed: the partition end offset less the group committed offset, by group, topic and partition', ['group', 'topic', 'partition'], async () => {
  const all = await Promise.all([...lagSources].map((source) => source().catch(() => [])));
  return all.flat();
});

/**
 * Reports a consumer group's lag on every topic it has committed offsets for (which covers
 * topics subscribed by pattern), read from the broker when scraped, at most every 10 s. The
 * committed offset, not the fetch position, so a consumer that is stuck shows its lag growing.
 * Returns what stops the reporting and closes the admin connection.
 */
export function trackConsumerLag(kafka: Kafka, groupId: string): () => Promise<void> {
  const admin = createLazyAdmin(kafka, { retries: 1 });

  async function read(): Promise<LagPoint[]> {
    const client = await admin.connected();
    const committed = await client.fetchOffsets({ groupId });
    const points: LagPoint[] = [];
    for (const { topic, partitions } of committed) {
      const ends = await client.fetchTopicOffsets(topic);
      for (const { partition, offset } of partitions) {
        const end = ends.find((entry) => entry.partition === partition);
        if (!end) continue;
        // No committed offset yet: everything from the log's start is still to be read.
        const from = BigInt(offset) < 0n ? BigInt(end.low) : BigInt(offset);
        const lag = BigInt(end.high) - from;
        points.push({ labels: { group: groupId, topic, partition }, value: Number(lag > 0n ? lag : 0n) });
      }
    }
    return points;
  }

  const source = cachedValue(read, LAG_MAX_AGE_MS);
  lagSources.add(source);
  return async () => {
    lagSources.delete(source);
    await admin.close();
  };
}
