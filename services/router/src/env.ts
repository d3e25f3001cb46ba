import { env } from '@priemnaya/config';
import { z } from 'zod';

export const RouterEnv = z.object({
  /** Where appeals arrive and tasks go. */
  KAFKA_BROKERS: env.kafkaBrokers(),
  /** Routing table, units, rules, districts, decisions, the triage queue, labelled examples, model versions. */
  MONGO_URL: env.mongoUrl(),
  MONGO_DB: env.databaseName('priemnaya_router'),
  /** Health, suggestions for the desk, the triage queue and the administrators' routing API. */
  HTTP_HOST: env.host(),
  HTTP_PORT: env.port(8081),
  /** Replicas share the work through this consumer group; it also names the transactional ids. */
  CONSUMER_GROUP: z.string().min(1).default('router'),
  TOPIC_PREFIX: env.topicPrefix(),
  /** The router creates a unit's task topic when the table first names the unit. */
  TOPIC_REPLICATION_FACTOR: env.replicationFactor(),
  /** How soon an edit of the routing table takes effect on the other replicas. */
  ROUTING_TABLE_REFRESH_MS: env.milliseconds(5_000),
  /** Verifies the staff tokens of operators, supervisors and administrators. */
  STAFF_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Below this confidence the model's topic goes to triage; unset, each model's own 95%-precision threshold. */
  ROUTING_CONFIDENCE_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  /** Texts longer than this go to triage unread (ingest accepts up to 20,000 characters). */
  ROUTING_MAX_TEXT_LENGTH: z.coerce.number().int().min(100).max(20_000).default(10_000),
  /** How soon a promoted model version is picked up without a restart. */
  MODEL_POLL_MS: env.milliseconds(5_000),
  /** Input messages per Kafka transaction: larger is faster, smaller redoes less after a crash. */
  MAX_MESSAGES_PER_TRANSACTION: z.coerce.number().int().min(1).max(1_000).default(50),
  LOG_LEVEL: env.logLevel(),
});
export type RouterEnv = z.infer<typeof RouterEnv>;
