import { env } from '@priemnaya/config';
import { z } from 'zod';

export const RegistryEnv = z.object({
  /** The registry reads appeals.received and appeals.events. */
  KAFKA_BROKERS: env.kafkaBrokers(),
  /** The read model people query. */
  MONGO_URL: env.mongoUrl(),
  MONGO_DB: env.databaseName('priemnaya_registry'),
  /** Status and history for the fleet; not public. */
  HTTP_HOST: env.host(),
  HTTP_PORT: env.port(8082),
  /**
   * A new group name replays every topic from the beginning into an empty database. The default
   * changed with the read model's storage (facts and index), so an existing deployment rebuilds.
   */
  CONSUMER_GROUP: z.string().min(1).default('registry-facts'),
  /** Verifies the staff tokens of the staff card, search and read audit. */
  STAFF_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /**
   * How long the units' charts are served from one read of every unit's data: on FerretDB that
   * read scans the whole index and marks, so it is shared rather than done per chart.
   */
  UNIT_STATS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  TOPIC_PREFIX: env.topicPrefix(),
  /** The city's zone, shared with every service: unit charts and deadlines are counted in its days. */
  CITY_TIME_ZONE: env.cityTimeZone(),
  LOG_LEVEL: env.logLevel(),
});
export type RegistryEnv = z.infer<typeof RegistryEnv>;
