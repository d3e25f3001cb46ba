import { startTelemetry, createLogger } from '@priemnaya/observability';
import { loadEnv } from '@priemnaya/config';
import { createTopicNames } from '@priemnaya/contracts';
import { connectDatabase } from '@priemnaya/database';
import { createKafka, createPublisher } from '@priemnaya/kafka';
import { createShutdown } from '@priemnaya/lifecycle';
import { buildIngestApp } from './app.js';
import { createRegistryClient } from './data-access/registry-client.js';
import { IngestEnv } from './env.js';

const SERVICE = 'ingest';
const telemetry = startTelemetry(SERVICE);
const config = loadEnv(SERVICE, IngestEnv);
const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
const shutdown = createShutdown({ logger });
shutdown.trapSignals();

const database = await connectDatabase(config.MONGO_URL, config.MONGO_DB);
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: SERVICE, logger });
const publisher = createPublisher({ kafka, names: createTopicNames(config.TOPIC_PREFIX), timeoutMs: config.PUBLISH_TIMEOUT_MS });
await publisher.connect();

const app = await buildIngestApp({
  logger,
  database,
  publisher,
  registry: createRegistryClient(config.REGISTRY_URL),
  timeZone: config.CITY_TIME_ZONE,
});
shutdown.add({ name: 'stop taking requests, finish those in flight', run: () => app.close() });
shutdown.add({ name: 'disconnect the producer', run: () => publisher.disconnect() });
shutdown.add({ name: 'close the database', run: () => database.close() });
shutdown.add({ name: 'flush telemetry', run: () => telemetry.shutdown() });

const address = await app.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
logger.info({ address }, 'ingest listening');
