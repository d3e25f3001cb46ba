import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * The group session of every consumer of the fleet. kafkajs starts a consumer it restarts after a
 * crash (the broker was away) as a new member; the coordinator, back with the group as it was,
 * waits for the old member to rejoin until its session expires before it assigns partitions, so
 * the session is how long a consumer stays unready after the broker's return (kafkajs's 30 s by
 * default). Heartbeats go between messages, so a handler must finish within the session; every
 * call a handler makes is bounded to a few seconds, and the first failure ends the attempt.
 */
export const CONSUMER_SESSION = { sessionTimeout: 8_000, heartbeatInterval: 2_000 } as const;

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
    // Every request is timed out on the client, so a broker that froze fails calls rather than holding them.
    enforceRequestTimeout: true,
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
