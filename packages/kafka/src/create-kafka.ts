import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** How long to wait for a TCP connection to a broker; short, so an outage is reported quickly. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  retry?: KafkaConfig['retry'];
}

export function createKafka({ brokers, clientId, logger, connectionTimeoutMs = 1_000, requestTimeoutMs = 5_000, retry }: KafkaOptions): Kafka {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: connectionTimeoutMs,
    requestTimeout: requestTimeoutMs,
    retry: retry ?? { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    // kafkajs log entries carry broker and protocol facts, never message values.
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...rest } = log;
        const fields = { ...rest, timestamp: undefined };
        if (level === logLevel.ERROR) kafkaLogger.error(fields, message);
        else if (level === logLevel.WARN) kafkaLogger.warn(fields, message);
        else kafkaLogger.debug(fields, message);
      },
  });
}
