import { randomUUID } from 'node:crypto';
import type { Database } from '@priemnaya/database';
import { createHttpServer } from '@priemnaya/http';
import type { Publisher } from '@priemnaya/kafka';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createAppealRepository } from './data-access/appeal-repository.js';
import { createIntakeKeyRepository } from './data-access/intake-key-repository.js';
import { createRegistrationCounter } from './data-access/registration-counter.js';
import type { RegistryClient } from './data-access/registry-client.js';
import { createSubmitAppeal } from './domain/submit-appeal.js';
import { appealRoutes } from './entry-points/http/appeal-routes.js';

/**
 * Kafka retries for the client and the publisher of ingest. A caller waits on them: with the
 * broker down the answer is a 503 within a few seconds, and the caller retries with its key.
 */
export const PUBLISH_RETRY = { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 };

export interface IngestDeps {
  logger: Logger;
  database: Database;
  publisher: Publisher;
  registry: RegistryClient;
  timeZone: string;
  clock?: () => Date;
}

/** Builds the ingest service without listening, so tests can start it on port 0. */
export async function buildIngestApp(deps: IngestDeps): Promise<FastifyInstance> {
  const appeals = createAppealRepository(deps.database.db);
  const registrationNumbers = createRegistrationCounter(deps.database.db);
  await registrationNumbers.ensureIndexes();
  const submitAppeal = createSubmitAppeal({
    intakeKeys: createIntakeKeyRepository(deps.database.db),
    appeals,
    registrationNumbers,
    publisher: deps.publisher,
    clock: deps.clock ?? (() => new Date()),
    newId: randomUUID,
    timeZone: deps.timeZone,
  });

  const app = createHttpServer({
    logger: deps.logger,
    readinessChecks: { database: () => deps.database.ping() },
  });
  appealRoutes(app, { submitAppeal, findStoredAppeal: (id) => appeals.find(id), registry: deps.registry });
  await app.ready();
  return app;
}
