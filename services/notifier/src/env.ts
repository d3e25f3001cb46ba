import { env } from '@priemnaya/config';
import { z } from 'zod';

export const NotifierEnv = z.object({
  /** The notifier reads appeals.received and appeals.events and produces notifications.outbound. */
  KAFKA_BROKERS: env.kafkaBrokers(),
  /** Each appeal's address (channel, external id, contacts), parked notices and the ledger of notifications produced. */
  MONGO_URL: env.mongoUrl(),
  MONGO_DB: env.databaseName('priemnaya_notifier'),
  /** Health and readiness only; loopback. */
  HTTP_HOST: env.host(),
  HTTP_PORT: env.port(8087),
  /** A new group name reads both topics from the beginning; the ledger keeps it from telling anything twice. */
  CONSUMER_GROUP: z.string().min(1).default('notifier'),
  TOPIC_PREFIX: env.topicPrefix(),
  /** Dates in the messages are the city's dates, not UTC's. */
  CITY_TIME_ZONE: env.cityTimeZone(),
  /**
   * The appeal topics are kept for ever: on its first start the notifier records the instant in
   * its database and tells nothing that occurred more than this before it (24 h by default, so
   * appeals registered shortly before a first deploy are still told).
   */
  NOTIFY_GRACE_MS: z.coerce.number().int().min(0).max(366 * 86_400_000).default(86_400_000),
  /** Set after restoring a lost database: tell facts from this instant on (ISO 8601, e.g. 2026-11-23T00:00:00Z). */
  NOTIFY_SINCE: z.iso.datetime({ offset: true }).optional(),
  LOG_LEVEL: env.logLevel(),
});
export type NotifierEnv = z.infer<typeof NotifierEnv>;
