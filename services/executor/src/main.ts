import { telemetry } from './telemetry.js';
import { runService } from '@priemnaya/runtime';
import { buildExecutorService } from './app.js';
import { ExecutorEnv } from './env.js';

await runService({
  telemetry,
  service: 'executor',
  envSchema: ExecutorEnv,
  build: ({ config, logger, database, kafka, names, onFatal }) =>
    buildExecutorService({
      logger,
      onFatal,
      database,
      kafka,
      names,
      groupId: config.CONSUMER_GROUP,
      topicRefreshMs: config.TOPIC_REFRESH_MS,
    }),
});
