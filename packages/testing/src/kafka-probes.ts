import type { Kafka } from '@priemnaya/kafka';
import { Partitioners } from 'kafkajs';
import { uniqueName } from './infra.js';
import { waitFor } from './wait-for.js';

/**
 * Waits until the group has committed every partition of the topics up to the end they have now.
 * kafkajs commits only after the handler finished, so the read model then holds all of it.
 */
export async function waitForCaughtUp(kafka: Kafka, groupId: string, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = (await Promise.all(topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, ...p }))))).flat();
    await waitFor(
      async () => {
        const committed = (await admin.fetchOffsets({ groupId, topics })).flatMap(({ topic, partitions }) =>
          partitions.map((p) => ({ topic, partition: p.partition, offset: Number(p.offset) })),
        );
        return ends.every(({ topic, partition, low, high }) => {
          if (Number(high) === Number(low)) return true;
          const offset = committed.find((c) => c.topic === topic && c.partition === partition)?.offset ?? -1;
          return offset >= Number(high);
        });
      },
      { description: `consumer group ${groupId} to commit ${topics.join(', ')} to the end` },
    );
  } finally {
    await admin.disconnect();
  }
}

/** How many messages the topic holds now, over all its partitions. */
export async function countMessages(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, { low, high }) => sum + Number(high) - Number(low), 0);
  } finally {
    await admin.disconnect();
  }
}

export interface ReadMessage {
  key: string | null;
  value: string;
}

/** The first `count` messages of a topic, read from its beginning under a consumer group of their own. */
export async function readMessages(kafka: Kafka, topic: string, count: number): Promise<ReadMessage[]> {
  // A short fetch wait keeps the disconnect quick.
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        messages.push({ key: message.key?.toString() ?? null, value: message.value?.toString('utf8') ?? '' });
      },
    });
    return await waitFor(() => messages.length >= count && messages, { description: `${count} message(s) on ${topic}` });
  } finally {
    await consumer.disconnect();
  }
}

/** Sends messages as they are, past the catalog's validation, as a faulty producer would. */
export async function produceRaw(kafka: Kafka, topic: string, messages: { key: string; value: string }[]): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Deletes the topics of a test's namespace, so the shared broker does not pile them up. */
export async function deleteTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
