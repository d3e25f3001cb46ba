import { telemetry } from './telemetry.js';
import { createStaffTokens } from '@priemnaya/auth';
import { runService } from '@priemnaya/runtime';
import { buildExecutorService } from './app.js';
import { shippedDeadlineRules } from './domain/extension-terms.js';
import { ExecutorEnv } from './env.js';

await runService({
  telemetry,
  service: 'executor',
  envSchema: ExecutorEnv,
  async build({ config, ...context }) {
    const executor = await buildExecutorService({
      ...context,
      groupId: config.CONSUMER_GROUP,
      tokens: createStaffTokens(config.STAFF_TOKEN_SECRET),
      topicRefreshMs: config.TOPIC_REFRESH_MS,
      feedPollMs: config.FEED_POLL_MS,
      relayIntervalMs: config.RELAY_INTERVAL_MS,
      deadlineRules: () => shippedDeadlineRules(config.CITY_TIME_ZONE),
    });
    return { ...executor, grpc: { server: executor.grpc, host: config.GRPC_HOST, port: config.GRPC_PORT } };
  },
});
