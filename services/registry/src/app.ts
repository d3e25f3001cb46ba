import type { StaffTokens } from '@priemnaya/auth';
import type { Database } from '@priemnaya/database';
import { createHttpServer } from '@priemnaya/http';
import { createBrokerProbe, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import type { FastifyInstance } from 'fastify';
import { createAppealReadModel } from './data-access/appeal-read-model.js';
import { createReadAudit } from './data-access/read-audit.js';
import { createUnitStatsSnapshot } from './data-access/unit-stats-snapshot.js';
import { appealRoutes } from './entry-points/http/appeal-routes.js';
import { serveRegistryOpenApi } from './entry-points/http/registry-openapi.js';
import { staffRoutes } from './entry-points/http/staff-routes.js';
import { unitStatsRoutes } from './entry-points/http/unit-stats-routes.js';
import { startRegistryConsumer } from './entry-points/kafka/registry-consumer.js';

/** The consumer's context (Kafka, topic names, group, logger, what to do on a fatal crash) and the service's own. */
export interface RegistryDeps extends ConsumerContext {
  database: Database;
  /**
   * Verifies staff tokens for the staff card, search and read audit. Without it the registry
   * serves only the fleet's status endpoints (as the other services' tests start it).
   */
  staffTokens?: StaffTokens;
  /** The clock of the read audit's times and of which day is today for the units' charts; the system clock unless given. */
  now?: () => Date;
  /** How long one read of every unit's data serves the units' charts (60 s unless given; 0 reads for every chart). */
  unitStatsMaxAgeMs?: number;
}

export interface RegistryService {
  http: FastifyInstance;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the registry without listening or consuming, so tests can start the real thing. */
export async function buildRegistryService(deps: RegistryDeps): Promise<RegistryService> {
  const readModel = createAppealReadModel(deps.database.db);
  const audit = createReadAudit(deps.database.db);
  let consumer: RunningConsumer | undefined;
  // A consumer still looks healthy while kafkajs retries a broker that is gone; this asks the broker.
  const broker = createBrokerProbe(deps.kafka);
  const http = createHttpServer({
    logger: deps.logger,
    readinessChecks: { database: () => deps.database.ping(), kafka: () => broker.reachable(), consumer: () => consumer?.healthy() ?? false },
  });
  appealRoutes(http, readModel);
  const now = deps.now ?? (() => new Date());
  if (deps.staffTokens) {
    staffRoutes(http, { readModel, audit, tokens: deps.staffTokens, now });
    const snapshot = createUnitStatsSnapshot(readModel, { now, maxAgeMs: deps.unitStatsMaxAgeMs ?? 60_000 });
    unitStatsRoutes(http, { snapshot, tokens: deps.staffTokens, now });
  }
  await serveRegistryOpenApi(http, { staff: deps.staffTokens !== undefined });
  await http.ready();

  return {
    http,
    async start() {
      await readModel.ensureIndexes();
      await audit.ensureIndexes();
      consumer = await startRegistryConsumer(deps, readModel);
    },
    async stop() {
      await consumer?.stop();
      await broker.close();
    },
  };
}
