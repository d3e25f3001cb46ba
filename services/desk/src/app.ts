import type { StaffTokens } from '@priemnaya/auth';
import { createGrpcServer, type GrpcServer } from '@priemnaya/grpc';
import { createHttpServer } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { IntakeClient } from './data-access/intake-client.js';
import type { RegistryClient } from './data-access/registry-client.js';
import type { RouterClient } from './data-access/router-client.js';
import { createFindCitizenAppeals } from './domain/find-citizen-appeals.js';
import { createRegisterOralAppeal } from './domain/register-oral-appeal.js';
import { toTopicSuggestion } from './domain/topic-suggestion.js';
import { deskService } from './entry-points/grpc/desk-service.js';

export interface DeskDeps {
  logger: Logger;
  tokens: StaffTokens;
  intake: Pick<IntakeClient, 'register' | 'findByPerson'>;
  registry: RegistryClient;
  router: RouterClient;
}

export interface DeskApp {
  /** Health and readiness, not yet listening. */
  http: FastifyInstance;
  /** The desk gRPC API, not yet listening. */
  grpc: GrpcServer;
}

/** Builds the desk without listening, so tests can start the real thing on port 0. */
export async function buildDesk(deps: DeskDeps): Promise<DeskApp> {
  const ports = { intake: deps.intake, registry: deps.registry };
  const server = createGrpcServer([
    deskService({
      logger: deps.logger,
      tokens: deps.tokens,
      registerOralAppeal: createRegisterOralAppeal(ports),
      findCitizenAppeals: createFindCitizenAppeals(ports),
      suggestTopics: async (text, signal) => (await deps.router.suggest(text, signal)).map(toTopicSuggestion),
    }),
  ]);

  // Ready once the gRPC port is bound. Ingest, the registry and the router are not checked: a
  // desk that reports them would go unready with them, and its callers get UNAVAILABLE anyway.
  let listening = false;
  const grpc: GrpcServer = {
    async listen(host, port) {
      const bound = await server.listen(host, port);
      listening = true;
      return bound;
    },
    async close(graceMs) {
      listening = false;
      await server.close(graceMs);
    },
  };
  const http = createHttpServer({ logger: deps.logger, readinessChecks: { grpc: () => listening } });
  await http.ready();
  return { http, grpc };
}
