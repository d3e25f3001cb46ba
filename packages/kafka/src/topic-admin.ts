import type { Kafka } from 'kafkajs';

export interface TopicSpec {
  name: string;
  partitions?: number;
  replicationFactor?: number;
  /** Topic-level settings, such as `retention.ms`; applied when the topic is created. */
  config?: Record<string, string>;
}

/**
 * What the broker is asked to create for a topic. A replicated topic gets `min.insync.replicas`
 * of one less than its replicas (2 of 3), unless its spec says otherwise: with `acks=all` an
 * acknowledged write then survives the loss of a broker, and one broker down still takes
 * writes. Left to the broker's default (1), a write could be acknowledged by one copy alone;
 * the declared topics of a cluster say 2 of 3 as well.
 */
export function topicCreation(topic: TopicSpec, defaults: { partitions: number; replicationFactor: number }) {
  const replicationFactor = topic.replicationFactor ?? defaults.replicationFactor;
  const config = { ...(replicationFactor > 1 ? { 'min.insync.replicas': String(replicationFactor - 1) } : {}), ...topic.config };
  const configEntries = Object.entries(config).map(([name, value]) => ({ name, value }));
  return {
    topic: topic.name,
    numPartitions: topic.partitions ?? defaults.partitions,
    replicationFactor,
    ...(configEntries.length > 0 ? { configEntries } : {}),
  };
}

const RETRIABLE_METADATA_ERRORS = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * Creates the topics that do not exist yet (existing ones are left as they are) and returns once
 * every partition of every topic has a leader, so a producer can write to them at once.
 * kafkajs's own `waitForLeaders` gives up on the broker's UNKNOWN_TOPIC_OR_PARTITION answers in
 * the moments after creation, so the wait is done here.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: TopicSpec[],
  defaults = { partitions: 3, replicationFactor: 1 },
  readyTimeoutMs = 30_000,
): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          waitForLeaders: false,
          topics: missing.map((topic) => topicCreation(topic, defaults)),
        });
      } catch (error) {
        // Another process may have created the same topic between the list and the create.
        if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
      }
    }
    const names = topics.map((topic) => topic.name);
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      try {
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
        if (metadata.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        if (!RETRIABLE_METADATA_ERRORS.has((error as { type?: string }).type ?? '')) throw error;
      }
      if (Date.now() > deadline) throw new Error(`topics have no leader after ${readyTimeoutMs} ms: ${names.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
}
