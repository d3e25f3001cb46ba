import { telemetry } from './telemetry.js';
import { runService } from '@priemnaya/runtime';
import { buildRegistryService } from './app.js';
import { RegistryEnv } from './env.js';

await runService({
  telemetry,
  service: 'registry',
  envSchema: RegistryEnv,
  build: ({ config, logger, database, kafka, names, onFatal }) =>
    buildRegistryService({ logger, onFatal, database, kafka, names, groupId: config.CONSUMER_GROUP }),
});
