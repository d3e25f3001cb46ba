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
  /**
   * The intake gRPC API for the desk and the platform adapter. It is internal: it takes no staff
   * token, so it stays on loopback or a private network (a service mesh's mTLS in a cluster),
   * whatever HTTP_HOST the public API binds to.
   */
  GRPC_HOST: env.host(),
  GRPC_PORT: env.port(8180),
  /** Requests per minute one client (by address) may make to the public routes before 429. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Files one site-form appeal may carry, and the size of each. */
  ATTACHMENT_MAX_FILES: z.coerce.number().int().min(0).max(20).default(5),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /**
   * How far back the pre-screen compares a person's earlier appeals answered on the merits (59-FZ
   * art. 11 part 5 sets no window; this bounds the comparison, within PERSON_WINDOW_DAYS).
   */
  REPEAT_WINDOW_DAYS: z.coerce.number().int().positive().default(365),
  /** The administrator's JSON list of answers published on the site (art. 11 part 5.1); none when unset. */
  PUBLISHED_ANSWERS_FILE: z.string().min(1).optional(),
  /** How far back each replica keeps every person's appeals in memory: the desk's lookups, and repeats. */
  PERSON_WINDOW_DAYS: z.coerce.number().int().positive().max(3660).default(365),
  /** The registry answers the current status of an appeal. */
  REGISTRY_URL: z.url().default('http://127.0.0.1:8082'),
  /** Registration years turn over at midnight here, not in UTC. */
  CITY_TIME_ZONE: env.cityTimeZone(),
  /** Topic names get this prefix; empty in a deployment, unique per test. */
  TOPIC_PREFIX: env.topicPrefix(),
  /** How long one Kafka attempt may take before the caller is told to retry. */
  PUBLISH_TIMEOUT_MS: env.milliseconds(3_000),
  /** How long a caller waits for Kafka in all, retries included; past it the answer is 503 and the caller retries with its key. */
  PUBLISH_DEADLINE_MS: env.milliseconds(8_000),
  /** How long one registration may take in all (database steps and the publish); past it the answer is 503 with Retry-After. */
  REGISTRATION_DEADLINE_MS: env.milliseconds(10_000),
  LOG_LEVEL: env.logLevel(),
  /** The Telegram bot's token from BotFather; without it the bot's webhook route is not served. */
  /** Keys of the Open311 client applications allowed to submit, comma-separated; empty lets any client submit. */
  OPEN311_API_KEYS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((key) => key.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(16, 'each key must be at least 16 characters'))),
  /** The Open311 jurisdiction this city answers for; unset accepts any `jurisdiction_id`. */
  OPEN311_JURISDICTION_ID: z.string().trim().min(1).optional(),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must be a bot token as BotFather gives it, <id>:<key>').optional(),
  /** The secret_token given to setWebhook: proves that a webhook call comes from Telegram. */
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 letters, digits, _ or -').optional(),
  /** Where sendMessage is called; a local Bot API server or a test fake replaces Telegram's. */
  TELEGRAM_API_BASE_URL: z.url().default('https://api.telegram.org'),
  /** How long one sendMessage call may take; the webhook call waits on it. */
  TELEGRAM_SEND_TIMEOUT_MS: env.milliseconds(5_000),
  /** Citizen notifications for the widget and the bot are read by this group, one replica each. */
  NOTIFICATIONS_CONSUMER_GROUP: z.string().min(1).default('ingest-notifications'),
  /** sendMessage calls per reply before the update is left to Telegram's redelivery. */
  TELEGRAM_SEND_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(3),
}).refine((config) => config.TELEGRAM_BOT_TOKEN === undefined || config.TELEGRAM_WEBHOOK_SECRET !== undefined, {
  message: 'is required with TELEGRAM_BOT_TOKEN: an unverified webhook would take anyone\'s updates',
  path: ['TELEGRAM_WEBHOOK_SECRET'],
});
export type IngestEnv = z.infer<typeof IngestEnv>;
