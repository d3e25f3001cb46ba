import { env } from '@priemnaya/config';
import { z } from 'zod';

const Share = z.coerce.number().gt(0).max(1);

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
  /** Live precision guard: the precision the router's auto-routing of each topic must keep (see the README). */
  PRECISION_TARGET: Share.default(0.95),
  /** A suspended topic resumes once its measured precision is back at this (the target, unless set higher). */
  PRECISION_RESUME_AT: Share.optional(),
  /** The last this many settled outcomes of a topic are what its precision is measured over. */
  PRECISION_WINDOW: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Fewer outcomes than this in a window never suspend a topic: one early error must not stop it. */
  PRECISION_MIN_OUTCOMES: z.coerce.number().int().min(1).max(10_000).default(20),
  /** z of the Wilson bound that must fall below the target (1.645: one-sided 95%); 0 uses the plain rate. */
  PRECISION_CONFIDENCE_Z: z.coerce.number().min(0).max(5).default(1.645),
  /** An auto-routed appeal its unit kept this long without handing it back counts as routed right. */
  PRECISION_SETTLE_AFTER_DAYS: z.coerce.number().gt(0).max(365).default(14),
  /** How often each replica settles what waited out the settling period. */
  PRECISION_SWEEP_MS: env.milliseconds(60_000),
  /** How soon a topic another replica suspended or resumed is routed accordingly here. */
  PRECISION_REFRESH_MS: env.milliseconds(5_000),
  /**
   * The training corpus (JSON lines `{"text","unit"}`, the unit a routing topic) that a city's
   * import of past appeals trains its candidate on. It holds personal data, so no image carries it:
   * mount it and point here; unset, `POST /v1/models/imports` answers 503 naming this variable.
   */
  CLASSIFIER_CORPUS: z.string().min(1).optional(),
  /** The largest export of past appeals an administrator may upload (a city's year of XLSX is tens of MB). */
  MODEL_IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(50 * 1024 * 1024),
  LOG_LEVEL: env.logLevel(),
}).superRefine((config, context) => {
  const resumeAt = config.PRECISION_RESUME_AT ?? config.PRECISION_TARGET;
  const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
  if (resumeAt < config.PRECISION_TARGET) problem('PRECISION_RESUME_AT', 'must not be below PRECISION_TARGET');
  else if (config.PRECISION_CONFIDENCE_Z === 0 && resumeAt <= config.PRECISION_TARGET) {
    problem('PRECISION_RESUME_AT', 'must be above PRECISION_TARGET when PRECISION_CONFIDENCE_Z is 0, or a topic flaps on one outcome');
  }
  if (config.PRECISION_MIN_OUTCOMES > config.PRECISION_WINDOW) problem('PRECISION_MIN_OUTCOMES', 'must not exceed PRECISION_WINDOW');
});
export type RouterEnv = z.infer<typeof RouterEnv>;
