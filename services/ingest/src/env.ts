import { env } from '@priemnaya/config';
import { z } from 'zod';

export const IngestEnv = z.object({
  /** Kafka brokers that take appeals; an appeal is acknowledged only after they have it. */
  KAFKA_BROKERS: env.kafkaBrokers(),
  /** Registration counters, intake keys and the copy of each appeal as received. */
  MONGO_URL: env.mongoUrl(),
  MONGO_DB: env.databaseName('priemnaya_ingest'),
  /** The public API; loopback unless a proxy in front needs otherwise. */
  HTTP_HOST: env.host(),
  HTTP_PORT: env.port(8080),
  /** The intake gRPC API for the desk and the platform adapter; loopback like HTTP. */
  GRPC_PORT: env.port(8180),
  /** Requests per minute one client (by address) may make to the public routes before 429. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Files one site-form appeal may carry, and the size of each. */
  ATTACHMENT_MAX_FILES: z.coerce.number().int().min(0).max(20).default(5),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** How far back the pre-screen looks for a repeat by the same person. */
  REPEAT_WINDOW_DAYS: z.coerce.number().int().positive().default(90),
  /** The registry answers the current status of an appeal. */
  REGISTRY_URL: z.url().default('http://127.0.0.1:8082'),
  /** Registration years turn over at midnight here, not in UTC. */
  CITY_TIME_ZONE: z
    .string()
    .refine((zone) => isTimeZone(zone), 'must be an IANA time zone such as Europe/Moscow')
    .default('Europe/Moscow'),
  /** Topic names get this prefix; empty in a deployment, unique per test. */
  TOPIC_PREFIX: env.topicPrefix(),
  /** How long one Kafka attempt may take before the caller is told to retry. */
  PUBLISH_TIMEOUT_MS: env.milliseconds(3_000),
  LOG_LEVEL: env.logLevel(),
});
export type IngestEnv = z.infer<typeof IngestEnv>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
