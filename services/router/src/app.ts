import { randomUUID } from 'node:crypto';
import type { Database } from '@priemnaya/database';
import { createHttpServer } from '@priemnaya/http';
import { createPublisher, ensureTopics, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import { fleetTopics } from '@priemnaya/reference-data';
import type { FastifyInstance } from 'fastify';
import { createDecisionRepository } from './data-access/decision-repository.js';
import { createRoutingRepository } from './data-access/routing-repository.js';
import { createRouteAppeal } from './domain/route-appeal.js';
import { startAppealsReceivedConsumer } from './entry-points/kafka/appeals-received-consumer.js';
import { suggestionRoutes } from './entry-points/http/suggestion-routes.js';

/** The consumer's context (Kafka, topic names, group, logger, what to do on a fatal crash) and the service's own. */
export interface RouterDeps extends ConsumerContext {
  database: Database;
  routingTableRefreshMs?: number;
  /** For the topics the router creates. */
  replicationFactor?: number;
}

export interface RouterService {
  http: FastifyInstance;
  /** Seeds the sample city if the database is empty, then starts consuming. */
  start(): Promise<void>;
  /** Stops consuming (offsets of finished messages are committed), then the producer. */
  stop(): Promise<void>;
}

/** Builds the router without listening or consuming, so tests can start the real thing. */
export async function buildRouterService(deps: RouterDeps): Promise<RouterService> {
  const routing = createRoutingRepository(deps.database.db, deps.routingTableRefreshMs);
  const publisher = createPublisher({ kafka: deps.kafka, names: deps.names });
  const knownTopics = new Set<string>();
  const topicDefaults = { partitions: 3, replicationFactor: deps.replicationFactor ?? 1 };
  const routeAppeal = createRouteAppeal({
    decisions: createDecisionRepository(deps.database.db),
    routingData: routing,
    unitTopics: {
      async ensure(unit) {
        const topic = deps.names.tasks(unit);
        if (knownTopics.has(topic)) return;
        await ensureTopics(deps.kafka, [{ name: topic }, { name: deps.names.deadLetter(topic) }], topicDefaults);
        knownTopics.add(topic);
      },
    },
    publisher,
    clock: () => new Date(),
    newId: randomUUID,
  });

  let consumer: RunningConsumer | undefined;
  const http = createHttpServer({
    logger: deps.logger,
    readinessChecks: { database: () => deps.database.ping(), consumer: () => consumer?.healthy() ?? false },
  });
  suggestionRoutes(http, { routingData: routing });
  await http.ready();

  return {
    http,
    async start() {
      if (await routing.seedIfEmpty()) deps.logger.info('seeded the sample city routing table');
      const topics = fleetTopics(deps.names, await routing.unitCodes());
      await ensureTopics(deps.kafka, topics.map((name) => ({ name })), topicDefaults);
      topics.forEach((topic) => knownTopics.add(topic));
      await publisher.connect();
      consumer = await startAppealsReceivedConsumer(deps, routeAppeal);
    },
    async stop() {
      await consumer?.stop();
      await publisher.disconnect();
    },
  };
}
