import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { connectDatabase } from '@priemnaya/database';
import { createStaffTokens, type StaffPrincipal, withStaffToken } from '@priemnaya/auth';
import { callUnary } from '@priemnaya/grpc';
import { DeskServiceClient, type RegisterOralAppealRequest } from '@priemnaya/grpc/generated/priemnaya/desk/v1/desk.js';
import { collectTopics, createTeardown, createTestKafka, type Teardown, type TestKafka, testLogger, type TopicCollector, uniqueName } from '@priemnaya/testing';
import { buildRegistryService } from '../../../registry/src/app.js';
import { buildRouterService } from '../../../router/src/app.js';
import { createRoutingRepository } from '../../../router/src/data-access/routing-repository.js';
import { dropDatabase, infra, startIngest, type RunningIngest } from '../../../ingest/test/support/ingest-harness.js';
import { buildDesk } from '../../src/app.js';
import { createIntakeClient } from '../../src/data-access/intake-client.js';
import { createRegistryClient } from '../../src/data-access/registry-client.js';
import { createRouterClient } from '../../src/data-access/router-client.js';

export interface DeskScenario {
  testKafka: TestKafka;
  /** The real ingest: its site form (`app.inject`) and the intake gRPC API the desk calls. */
  ingest: RunningIngest;
  /** Everything on `<prefix>appeals.received`. */
  received: TopicCollector;
  registryUrl: string;
  routerUrl: string;
  /** A gRPC client of the desk as a front end would hold it. */
  desk: DeskServiceClient;
  /** Another desk on the same ingest and registry (whose router may never answer, or whose log a test reads). */
  startDesk(options: { routerUrl: string; logger?: Logger }): Promise<DeskServiceClient>;
  teardown: Teardown;
}

/**
 * The desk with everything it talks to running for real on a topic namespace and databases of
 * its own: ingest (intake gRPC), the registry (consuming what ingest publishes) and the router
 * (its HTTP API for suggestions; it does not consume, nothing here needs appeals routed).
 */
export async function startDeskScenario(): Promise<DeskScenario> {
  const teardown = createTeardown();
  try {
    const testKafka = teardown.add(await createTestKafka(infra, [], 'desk'), (it) => it.dispose());
    const { kafka, names } = testKafka;

    const registryDb = teardown.add(await connectDatabase(infra.mongoUrl, uniqueName('registry')), async (it) => {
      await it.db.dropDatabase();
      await it.close();
    });
    const registry = teardown.add(
      await buildRegistryService({ logger: testLogger(), database: registryDb, kafka, names, groupId: uniqueName('registry') }),
      async (it) => {
        await it.http.close();
        await it.stop();
      },
    );
    await registry.start();
    const registryUrl = await registry.http.listen({ host: '127.0.0.1', port: 0 });

    const ingestDb = teardown.add(uniqueName('ingest'), dropDatabase);
    const ingest = teardown.add(await startIngest({ kafka, names, dbName: ingestDb, registryUrl }), (it) => it.close());
    const received = teardown.add(await collectTopics(kafka, [names.of('appeals.received')]), (it) => it.stop());

    const routerDb = teardown.add(await connectDatabase(infra.mongoUrl, uniqueName('router')), async (it) => {
      await it.db.dropDatabase();
      await it.close();
    });
    await createRoutingRepository(routerDb.db).seedIfEmpty();
    const router = teardown.add(
      await buildRouterService({ logger: testLogger(), database: routerDb, kafka, names, groupId: uniqueName('router') }),
      async (it) => {
        const closing = it.http.close();
        // Drafts the desk aborted leave keep-alive connections that fastify does not count as
        // idle; they would hold the close for the 72 s keep-alive timeout.
        it.http.server.closeAllConnections();
        await closing;
      },
    );
    const routerUrl = await router.http.listen({ host: '127.0.0.1', port: 0 });

    const startDesk = async (options: { routerUrl: string; logger?: Logger }) => {
      const intake = teardown.add(createIntakeClient(ingest.grpcAddress, { registerTimeoutMs: 15_000, lookupTimeoutMs: 5_000 }), async (it) => it.close());
      const { grpc } = await buildDesk({
        logger: options.logger ?? testLogger(),
        tokens: staffTokens,
        intake,
        registry: createRegistryClient(registryUrl, 2_000),
        router: createRouterClient(options.routerUrl, 2_000),
      });
      const port = await grpc.listen('127.0.0.1', 0);
      teardown.add(grpc, (it) => it.close(1_000));
      return teardown.add(new DeskServiceClient(`127.0.0.1:${port}`, credentials.createInsecure()), async (it) => it.close());
    };
    const desk = await startDesk({ routerUrl });
    return { testKafka, ingest, received, registryUrl, routerUrl, desk, startDesk, teardown };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

type UnaryMethod<Req, Res> = Parameters<typeof callUnary<Req, Res>>[0];

/** The secret the desks of these tests verify staff tokens with. */
export const STAFF_TOKEN_SECRET = 'desk-tests-staff-token-secret-0123456789';
export const staffTokens = createStaffTokens(STAFF_TOKEN_SECRET);

/** Metadata carrying a token of the given staff member (an intake operator unless said otherwise). */
export async function staffMetadata(principal: Partial<StaffPrincipal> & { staffId: string }): Promise<Metadata> {
  const token = await staffTokens.issue({ role: 'intake-operator', units: [], ...principal });
  return withStaffToken(new Metadata(), token);
}

/**
 * Calls a unary method of the desk with a deadline, as a front end would, signed in as the
 * operator the request names (operator-7 when it names none).
 */
export async function callDesk<Req, Res>(method: UnaryMethod<Req, Res>, request: Req, metadata?: Metadata): Promise<Res> {
  const operatorId = (request as { operatorId?: string }).operatorId || 'operator-7';
  return callUnary(method, request, metadata ?? (await staffMetadata({ staffId: operatorId })), 20_000);
}

/** The error a call failed with. */
export async function failureOf(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('the call succeeded');
}

/**
 * What every reception card carries beside the appeal: the official who conducted the reception
 * (59-FZ ст. 13 ч. 1) and the identity document the citizen presented (ст. 13 ч. 2).
 */
export function receptionFacts(): Pick<RegisterOralAppealRequest, 'conductedBy' | 'identityDocument'> {
  return {
    conductedBy: { staffId: 'deputy-head-2', name: 'Соколов Андрей Ильич', position: 'заместитель главы администрации' },
    identityDocument: { kind: 'passport-rf', seriesNumber: '38 04 123456' },
  };
}

/** A Russian mobile number no other test uses. */
export function aPhone(): string {
  const digits = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
  return `+7 9${digits.slice(0, 2)} ${digits.slice(2, 5)}-${digits.slice(5, 7)}-${digits.slice(7)}`;
}

const LETTERS = 'абвгдежзиклмнопрстуфхцчшэюя';

/** A surname no other test uses, so that matching by name finds only this test's appeals. */
export function aSurname(): string {
  const suffix = Array.from({ length: 6 }, () => LETTERS[Math.floor(Math.random() * LETTERS.length)]).join('');
  return `Тест${suffix}ова`;
}
