import { env } from '@priemnaya/config';
import { z } from 'zod';

export const ExecutorEnv = z.object({
  /** Reads every unit's task topic. */
  KAFKA_BROKERS: env.kafkaBrokers(),
  /** Tasks as executors see them. */
  MONGO_URL: env.mongoUrl(),
  MONGO_DB: env.databaseName('priemnaya_executor'),
  /** The executors' HTTP API (the console's backend). */
  HTTP_HOST: env.host(),
  HTTP_PORT: env.port(8083),
  CONSUMER_GROUP: z.string().min(1).default('executor'),
  TOPIC_PREFIX: env.topicPrefix(),
  /** Task topics created after start-up (a new unit) are picked up within this interval. */
  TOPIC_REFRESH_MS: env.milliseconds(30_000),
  LOG_LEVEL: env.logLevel(),
});
export type ExecutorEnv = z.infer<typeof ExecutorEnv>;
