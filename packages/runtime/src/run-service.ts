import { loadEnv } from '@priemnaya/config';
import { createTopicNames, type TopicNames } from '@priemnaya/contracts';
import { connectDatabase, type Database } from '@priemnaya/database';
import { createKafka, type Kafka } from '@priemnaya/kafka';
import type { GrpcServer } from '@priemnaya/grpc';
import { createShutdown } from '@priemnaya/lifecycle';
import { createLogger, type Logger, type Telemetry } from '@priemnaya/observability';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';

/** The variables every service has; each service's schema adds its own. */
export interface BaseServiceConfig {
  KAFKA_BROKERS: string[];
  MONGO_URL: string;
  MONGO_DB: string;
  HTTP_HOST: string;
  HTTP_PORT: number;
  TOPIC_PREFIX: string;
  LOG_LEVEL: string;
}

export interface ServiceContext<C extends BaseServiceConfig> {
  config: C;
  logger: Logger;
  database: Database;
  kafka: Kafka;
  names: TopicNames;
  /** For what cannot recover by itself (a consumer kafkajs will not restart): stop the process. */
  onFatal: (error: unknown) => void;
}

/** What a service's app.ts builds: an HTTP server not yet listening, and its Kafka work. */
export interface ServiceParts {
  http: FastifyInstance;
  /** A gRPC server, for services that have one; it listens beside HTTP and stops with it. */
  grpc?: { server: GrpcServer; host: string; port: number };
  /** Starts the Kafka side (producers, consumers); called once the HTTP server listens. */
  start(): Promise<void>;
  /** Stops consuming and producing; in-flight messages finish and their offsets are committed. */
  stop(): Promise<void>;
}

/**
 * The process wiring of every service, in one order: telemetry (already started) and logger first, configuration
 * (a bad variable stops the process naming it), connections, then listen and consume. Shutdown
 * runs the other way: stop taking requests, stop consuming and commit, close the database.
 */
export async function runService<S extends z.ZodObject>(options: {
  service: string;
  /** Started by the service's own telemetry.ts, imported before anything else. */
  telemetry: Telemetry;
  envSchema: S;
  build(context: ServiceContext<z.infer<S> & BaseServiceConfig>): Promise<ServiceParts>;
}): Promise<void> {
  const { service } = options;
  const { telemetry } = options;
  const config = loadEnv(service, options.envSchema) as z.infer<S> & BaseServiceConfig;
  const logger = createLogger({ service, level: config.LOG_LEVEL });
  const shutdown = createShutdown({ logger });
  shutdown.trapSignals();

  const database = await connectDatabase(config.MONGO_URL, config.MONGO_DB);
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: service,
    logger,
  });
  const onFatal = (error: unknown) => {
    logger.fatal({ err: error }, 'cannot go on, stopping');
    void shutdown.run('fatal error').then(() => process.exit(1));
  };
  const parts = await options.build({ config, logger, database, kafka, names: createTopicNames(config.TOPIC_PREFIX), onFatal });

  shutdown.add({ name: 'stop taking requests, finish those in flight', run: () => parts.http.close() });
  if (parts.grpc) {
    const { server } = parts.grpc;
    shutdown.add({ name: 'stop taking gRPC calls, finish those in flight', run: () => server.close() });
  }
  shutdown.add({ name: 'stop consuming and producing, commit', run: () => parts.stop() });
  shutdown.add({ name: 'close the database', run: () => database.close() });
  shutdown.add({ name: 'flush telemetry', run: () => telemetry.shutdown() });

  const address = await parts.http.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
  const grpcPort = parts.grpc ? await parts.grpc.server.listen(parts.grpc.host, parts.grpc.port) : undefined;
  await parts.start();
  logger.info({ listening: address, ...(grpcPort !== undefined ? { grpcPort } : {}) }, `${service} started`);
}
