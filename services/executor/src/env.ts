import { env } from '@priemnaya/config';
import { z } from 'zod';

export const ExecutorEnv = z.object({
  /** Reads every unit's task topic; produces the executors' actions to appeals.events. */
  KAFKA_BROKERS: env.kafkaBrokers(),
  /** Tasks, their delivery feeds, the work log (with its outbox) and the units' executors. */
  MONGO_URL: env.mongoUrl(),
  MONGO_DB: env.databaseName('priemnaya_executor'),
  /** The executors' HTTP API (the console's backend, with the SSE task stream). */
  HTTP_HOST: env.host(),
  HTTP_PORT: env.port(8083),
  /** `priemnaya.executor.v1.ExecutorService` for executors' clients; loopback unless told. */
  GRPC_HOST: env.host(),
  GRPC_PORT: env.port(8183),
  CONSUMER_GROUP: z.string().min(1).default('executor'),
  TOPIC_PREFIX: env.topicPrefix(),
  /** Task topics created after start-up (a new unit) are picked up within this interval. */
  TOPIC_REFRESH_MS: env.milliseconds(30_000),
  /** Streams see tasks recorded by other executor processes within this interval (their own at once). */
  FEED_POLL_MS: env.milliseconds(1_000),
  /** How often events whose produce failed are produced again from the outbox. */
  RELAY_INTERVAL_MS: env.milliseconds(5_000),
  /** Verifies staff tokens (`./scripts/dev token executor zhkh` issues one locally). */
  STAFF_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** The city's zone, shared with every service: extension terms are counted in its days. */
  CITY_TIME_ZONE: env.cityTimeZone(),
  LOG_LEVEL: env.logLevel(),
});
export type ExecutorEnv = z.infer<typeof ExecutorEnv>;
