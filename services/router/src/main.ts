import { telemetry } from './telemetry.js';
import { createStaffTokens } from '@priemnaya/auth';
import { runService } from '@priemnaya/runtime';
import { buildRouterService } from './app.js';
import { RouterEnv } from './env.js';

await runService({
  telemetry,
  service: 'router',
  envSchema: RouterEnv,
  build: ({ config, ...context }) =>
    buildRouterService({
      ...context,
      groupId: config.CONSUMER_GROUP,
      routingTableRefreshMs: config.ROUTING_TABLE_REFRESH_MS,
      replicationFactor: config.TOPIC_REPLICATION_FACTOR,
      staffTokens: createStaffTokens(config.STAFF_TOKEN_SECRET),
      confidenceThreshold: config.ROUTING_CONFIDENCE_THRESHOLD,
      maxTextLength: config.ROUTING_MAX_TEXT_LENGTH,
      modelPollMs: config.MODEL_POLL_MS,
      maxMessagesPerTransaction: config.MAX_MESSAGES_PER_TRANSACTION,
      classifierCorpus: config.CLASSIFIER_CORPUS,
      modelImportMaxBytes: config.MODEL_IMPORT_MAX_BYTES,
      precisionGuard: {
        policy: {
          target: config.PRECISION_TARGET,
          resumeAt: config.PRECISION_RESUME_AT ?? config.PRECISION_TARGET,
          window: config.PRECISION_WINDOW,
          minOutcomes: config.PRECISION_MIN_OUTCOMES,
          confidenceZ: config.PRECISION_CONFIDENCE_Z,
        },
        settleAfterMs: config.PRECISION_SETTLE_AFTER_DAYS * 86_400_000,
        sweepMs: config.PRECISION_SWEEP_MS,
        refreshMs: config.PRECISION_REFRESH_MS,
      },
    }),
});
