import type { Kafka } from 'kafkajs';

export interface TopicSpec {
  name: string;
  partitions?: number;
  replicationFactor?: number;
}

/** Creates the topics that do not exist yet; existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, topics: TopicSpec[], defaults = { partitions: 3, replicationFactor: 1 }): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic: topic.name,
        numPartitions: topic.partitions ?? defaults.partitions,
        replicationFactor: topic.replicationFactor ?? defaults.replicationFactor,
      })),
    });
  } catch (error) {
    // Another process may have created the same topic between the list and the create.
    if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
  } finally {
    await admin.disconnect();
  }
}
