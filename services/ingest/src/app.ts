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
  const submitAppeal = createSubmitAppeal({
    intakeKeys: createIntakeKeyRepository(deps.database.db),
    appeals,
    registrationNumbers: createRegistrationCounter(deps.database.db),
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
