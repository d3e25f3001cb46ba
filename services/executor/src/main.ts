import { telemetry } from './telemetry.js';
import { runService } from '@priemnaya/runtime';
import { buildExecutorService } from './app.js';
import { ExecutorEnv } from './env.js';

await runService({
  telemetry,
  service: 'executor',
  envSchema: ExecutorEnv,
  build: ({ config, ...context }) =>
    buildExecutorService({
      ...context,
      groupId: config.CONSUMER_GROUP,
      topicRefreshMs: config.TOPIC_REFRESH_MS,
    }),
});
