import { telemetry } from './telemetry.js';
import { createPublisher } from '@priemnaya/kafka';
import { runService } from '@priemnaya/runtime';
import { buildIngestApp, PUBLISH_RETRY } from './app.js';
import { createRegistryClient } from './data-access/registry-client.js';
import { IngestEnv } from './env.js';


await runService({
  telemetry,
  service: 'ingest',
  envSchema: IngestEnv,
  kafkaRetry: PUBLISH_RETRY,
  async build({ config, logger, database, kafka, names }) {
    const publisher = createPublisher({
      kafka,
      names,
      timeoutMs: config.PUBLISH_TIMEOUT_MS,
      retry: PUBLISH_RETRY,
    });
    // The producer connects before the port opens: an appeal is never accepted without it.
    await publisher.connect();
    const http = await buildIngestApp({
      logger,
      database,
      publisher,
      registry: createRegistryClient(config.REGISTRY_URL),
      timeZone: config.CITY_TIME_ZONE,
    });
    return { http, start: async () => {}, stop: () => publisher.disconnect() };
  },
});
