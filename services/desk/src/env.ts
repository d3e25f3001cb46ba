import { env } from '@priemnaya/config';
import { z } from 'zod';

export const DeskEnv = z.object({
  /**
   * The fleet's broker and database, which the shared service runtime connects for every service.
   * The desk keeps nothing of its own there: ingest registers and publishes its appeals.
   */
  KAFKA_BROKERS: env.kafkaBrokers(),
  MONGO_URL: env.mongoUrl(),
  MONGO_DB: env.databaseName('priemnaya_desk'),
  TOPIC_PREFIX: env.topicPrefix(),
  /** Health and readiness; loopback like every service. */
  HTTP_HOST: env.host(),
  HTTP_PORT: env.port(8084),
  /** The desk gRPC API for the operator console and telephony front ends; loopback unless told. */
  GRPC_HOST: env.host(),
  GRPC_PORT: env.port(8184),
  /** Ingest's intake gRPC API, `host:port`, which registers appeals of every channel. */
  INTAKE_GRPC_ADDRESS: z.string().regex(/^[^:\s]+:\d{1,5}$/, 'must be host:port').default('127.0.0.1:8180'),
  /** A registration waits for Kafka's acknowledgement; ingest answers 503-like within seconds when it cannot. */
  INTAKE_REGISTER_TIMEOUT_MS: env.milliseconds(10_000),
  /** Looking up a citizen's appeals is a read; an operator is waiting on it. */
  INTAKE_LOOKUP_TIMEOUT_MS: env.milliseconds(3_000),
  /** The registry answers each appeal's current status. */
  REGISTRY_URL: z.url().default('http://127.0.0.1:8082'),
  REGISTRY_TIMEOUT_MS: env.milliseconds(1_500),
  /** The router answers topic suggestions from its own routing decision. */
  ROUTER_URL: z.url().default('http://127.0.0.1:8081'),
  /** Suggestions are shown while typing: a late one is worth nothing. */
  ROUTER_TIMEOUT_MS: env.milliseconds(1_000),
  /** Verifies the operators' staff tokens (`./scripts/dev token intake-operator` issues one locally). */
  STAFF_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  LOG_LEVEL: env.logLevel(),
});
export type DeskEnv = z.infer<typeof DeskEnv>;
