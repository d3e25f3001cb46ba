import { env } from '@priemnaya/config';
import { z } from 'zod';

export const PosAdapterEnv = z.object({
  /** appeals.events and notifications.outbound, whose status changes and answers go back to the platform. */
  KAFKA_BROKERS: env.kafkaBrokers(),
  /** The feed cursor, appeal → platform item, and items set aside. */
  MONGO_URL: env.mongoUrl(),
  MONGO_DB: env.databaseName('priemnaya_pos_adapter'),
  /** Health and readiness only; loopback. */
  HTTP_HOST: env.host(),
  HTTP_PORT: env.port(8085),
  /** A new group name starts at the end of appeals.events. */
  CONSUMER_GROUP: z.string().min(1).default('pos-adapter'),
  TOPIC_PREFIX: env.topicPrefix(),
  LOG_LEVEL: env.logLevel(),
  /** The platform's API root (docs/pos-platform-contract.md); the simulator locally. */
  POS_BASE_URL: z.url().default('http://127.0.0.1:8095'),
  /** The organisation's OAuth client on the platform; no defaults, they are credentials. */
  POS_CLIENT_ID: z.string().min(1, 'is required'),
  POS_CLIENT_SECRET: z.string().min(1, 'is required'),
  /** One call to the platform; the contract promises an answer within 10 s. */
  POS_TIMEOUT_MS: env.milliseconds(10_000),
  /** How often the feed is read when it has nothing more. */
  POS_POLL_INTERVAL_MS: env.milliseconds(5_000),
  /** Items per page, at most 100 by the contract. */
  POS_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(50),
  /** Ingest's intake gRPC API, through which every item is registered. */
  INTAKE_GRPC_ADDRESS: z.string().regex(/^[^:\s]+:\d{1,5}$/, 'must be host:port').default('127.0.0.1:8180'),
  INTAKE_TIMEOUT_MS: env.milliseconds(10_000),
  /** Backoff of retried calls: first wait, longest wait, attempts per call. */
  RETRY_BASE_MS: env.milliseconds(500),
  RETRY_MAX_MS: env.milliseconds(30_000),
  RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  /** Who signs the answers posted to the platform. */
  POS_ANSWER_SIGNED_BY: z.string().trim().min(1).max(300).default('Администрация города'),
  /**
   * `closed` comes from appeals.events, the answer a hop later through the notifier: a closing is
   * held until the answer or forwarding is posted, at most this long, then posted anyway.
   */
  POS_CLOSE_HOLD_MS: env.milliseconds(5 * 60_000),
  /** How long a stop lets the page in flight retry before leaving it to be read again. */
  STOP_GRACE_MS: env.milliseconds(10_000),
});
export type PosAdapterEnv = z.infer<typeof PosAdapterEnv>;
