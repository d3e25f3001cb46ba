import { runService } from '@priemnaya/runtime';
import { buildRegistryService } from './app.js';
import { RegistryEnv } from './env.js';

await runService({
  service: 'registry',
  envSchema: RegistryEnv,
  build: ({ config, logger, database, kafka, names }) =>
    buildRegistryService({ logger, database, kafka, names, groupId: config.CONSUMER_GROUP }),
});
