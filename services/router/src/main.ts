import { loadEnv } from '@priemnaya/config';
import { createTopicNames } from '@priemnaya/contracts';
import { connectDatabase } from '@priemnaya/database';
import { createKafka } from '@priemnaya/kafka';
import { createShutdown } from '@priemnaya/lifecycle';
import { createLogger, startTelemetry } from '@priemnaya/observability';
import { buildRouterService } from './app.js';
import { RouterEnv } from './env.js';

const SERVICE = 'router';
const telemetry = startTelemetry(SERVICE);
const config = loadEnv(SERVICE, RouterEnv);
const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
const shutdown = createShutdown({ logger });
shutdown.trapSignals();

const database = await connectDatabase(config.MONGO_URL, config.MONGO_DB);
const router = await buildRouterService({
  logger,
  database,
  kafka: createKafka({ brokers: config.KAFKA_BROKERS, clientId: SERVICE, logger }),
  names: createTopicNames(config.TOPIC_PREFIX),
  groupId: config.CONSUMER_GROUP,
  routingTableRefreshMs: config.ROUTING_TABLE_REFRESH_MS,
});
shutdown.add({ name: 'stop consuming and commit', run: () => router.stop() });
shutdown.add({ name: 'close the health endpoint', run: () => router.http.close() });
shutdown.add({ name: 'close the database', run: () => database.close() });
shutdown.add({ name: 'flush telemetry', run: () => telemetry.shutdown() });

const address = await router.http.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
await router.start();
logger.info({ address }, 'router consuming');
