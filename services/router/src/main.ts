import { telemetry } from './telemetry.js';
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
    }),
});
