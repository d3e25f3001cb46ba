import type { DeadLetter, TopicNames } from '@priemnaya/contracts';
import type { KafkaMessage, Message } from 'kafkajs';

/**
 * The dead letter of a message that cannot be processed: the original bytes, where they came
 * from, and why, keyed and with headers as the original so it can be replayed.
 */
export function deadLetterOf(
  names: TopicNames,
  consumerGroup: string,
  origin: { topic: string; partition: number; message: KafkaMessage },
  reason: string,
): { topic: string; message: Message } {
  const { topic, partition, message } = origin;
  const letter: DeadLetter = {
    version: 1,
    originalTopic: topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    valueBase64: message.value?.toString('base64') ?? null,
    reason,
    failedAt: new Date().toISOString(),
    consumerGroup,
  };
  return { topic: names.deadLetter(topic), message: { key: message.key, value: JSON.stringify(letter), headers: message.headers ?? {} } };
}
