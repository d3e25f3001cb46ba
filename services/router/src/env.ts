import { env } from '@priemnaya/config';
import { z } from 'zod';

export const RouterEnv = z.object({
  /** Where appeals arrive and tasks go. */
  KAFKA_BROKERS: env.kafkaBrokers(),
  /** Routing table, units, keyword rules and every decision with its reason. */
  MONGO_URL: env.mongoUrl(),
  MONGO_DB: env.databaseName('priemnaya_router'),
  /** Health and readiness only; the router has no public API. */
  HTTP_HOST: env.host(),
  HTTP_PORT: env.port(8081),
  /** Replicas share the work through this consumer group. */
  CONSUMER_GROUP: z.string().min(1).default('router'),
  TOPIC_PREFIX: env.topicPrefix(),
  /** The router creates a unit's task topic when the table first names the unit. */
  TOPIC_REPLICATION_FACTOR: env.replicationFactor(),
  /** How soon an edit of the routing table takes effect. */
  ROUTING_TABLE_REFRESH_MS: env.milliseconds(5_000),
  LOG_LEVEL: env.logLevel(),
});
export type RouterEnv = z.infer<typeof RouterEnv>;
