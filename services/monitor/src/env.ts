import { env } from '@priemnaya/config';
import { z } from 'zod';

export const MonitorEnv = z.object({
  /** The monitor reads appeals.received and appeals.events and produces control.alerts. */
  KAFKA_BROKERS: env.kafkaBrokers(),
  /** Clocks, the schedule of stages and the ledger of alerts raised. */
  MONGO_URL: env.mongoUrl(),
  MONGO_DB: env.databaseName('priemnaya_monitor'),
  /** The alerts feed (SSE), digests and the administrators' policy and calendar API. */
  HTTP_HOST: env.host(),
  HTTP_PORT: env.port(8086),
  /** `priemnaya.monitor.v1.AlertService` for long-lived clients; loopback unless told. */
  GRPC_HOST: env.host(),
  GRPC_PORT: env.port(8186),
  /** A new group name replays the appeal topics from the beginning into the clocks. */
  CONSUMER_GROUP: z.string().min(1).default('monitor'),
  TOPIC_PREFIX: env.topicPrefix(),
  /** The city's zone, shared with every service; the production calendar counts in it. */
  CITY_TIME_ZONE: env.cityTimeZone(),
  /** How often due stages are looked for; a stage fires at most this much (plus the grace) late. */
  TICK_INTERVAL_MS: env.milliseconds(5_000),
  /** How often the at-risk forecast runs over the units' queues (it reads each unit's open appeals). */
  FORECAST_INTERVAL_MS: env.milliseconds(15 * 60_000),
  /** Completed working days over which a unit's pace of answers is learned for the forecast. */
  PACE_WINDOW_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
  /** A claim by another monitor that has not been produced after this long is taken over (its monitor died). */
  CLAIM_LEASE_MS: env.milliseconds(60_000),
  /** How long the delivery feed keeps alerts for streams to resume from and for digests. */
  FEED_RETENTION_DAYS: z.coerce.number().int().min(1).max(60).default(8),
  /** Verifies staff tokens (`./scripts/dev token supervisor zhkh` issues one locally). */
  STAFF_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /**
   * `on` for end-to-end tests only: the monitor's time is the system time plus an offset that
   * `POST /_test/clock/advance` moves forward (administrators only). Never on in a deployment.
   */
  TEST_CLOCK: z.enum(['off', 'on']).default('off'),
  LOG_LEVEL: env.logLevel(),
});
export type MonitorEnv = z.infer<typeof MonitorEnv>;
