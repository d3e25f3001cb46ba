import { telemetry } from './telemetry.js';
import { createStaffTokens } from '@priemnaya/auth';
import { runService } from '@priemnaya/runtime';
import { buildRegistryService } from './app.js';
import { countInCityZone } from './domain/answer-deadline.js';
import { RegistryEnv } from './env.js';

await runService({
  telemetry,
  service: 'registry',
  envSchema: RegistryEnv,
  build: ({ config, ...context }) => {
    countInCityZone(config.CITY_TIME_ZONE);
    return buildRegistryService({
      ...context,
      groupId: config.CONSUMER_GROUP,
      staffTokens: createStaffTokens(config.STAFF_TOKEN_SECRET),
      unitStatsMaxAgeMs: config.UNIT_STATS_MAX_AGE_SECONDS * 1000,
    });
  },
});
