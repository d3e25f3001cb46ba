import type { AppealSubmission, TopicNames } from '@priemnaya/contracts';
import { connectDatabase } from '@priemnaya/database';
import { createPublisher, type Kafka } from '@priemnaya/kafka';
import { collectTopics, createTeardown, createTestKafka, type Teardown, testInfra, type TestKafka, testLogger, type TopicCollector, uniqueName, waitFor } from '@priemnaya/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildIngest, PUBLISH_RETRY } from '../../src/app.js';
import type { ChatConfig } from '../../src/entry-points/http/chat/chat-routes.js';
import type { Open311Options } from '../../src/entry-points/http/open311/open311-routes.js';
import { createRegistryClient } from '../../src/data-access/registry-client.js';

export const infra = testInfra();
export const CITY_TIME_ZONE = 'Europe/Moscow';

export interface RunningIngest {
  app: FastifyInstance;
  /** The intake gRPC server, listening on a free loopback port. */
  grpcAddress: string;
  close(): Promise<void>;
}

/** The real ingest app on its own database, publishing to the given topics, not listening. */
export async function startIngest(options: {
  kafka: Kafka;
  names: TopicNames;
  dbName: string;
  registryUrl: string;
  mongoUrl?: string;
  rateLimitPerMinute?: number;
  attachmentLimits?: { maxFiles: number; maxFileBytes: number };
  chat?: ChatConfig;
  open311?: Open311Options;
}): Promise<RunningIngest> {
  const database = await connectDatabase(options.mongoUrl ?? infra.mongoUrl, options.dbName);
  // As main.ts wires it: bounded retries, so a request fails over to 503 when the broker is down.
  const publisher = createPublisher({ kafka: options.kafka, names: options.names, retry: PUBLISH_RETRY });
  try {
    await publisher.connect();
    const ingest = await buildIngest({
      logger: testLogger(),
      appealsFeed: { kafka: options.kafka, names: options.names },
      database,
      publisher,
      registry: createRegistryClient(options.registryUrl),
      timeZone: CITY_TIME_ZONE,
      // Tests send many requests from one address; the rate-limit test sets its own.
      rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
      ...(options.attachmentLimits ? { attachmentLimits: options.attachmentLimits } : {}),
      ...(options.chat ? { chat: options.chat } : {}),
      ...(options.open311 ? { open311: options.open311 } : {}),
    });
    const { http: app, grpc } = ingest;
    const grpcPort = await grpc.listen('127.0.0.1', 0);
    await ingest.start();
    // As a load balancer would: appeals come once the person window is loaded.
    await waitFor(async () => (await app.inject({ method: 'GET', url: '/readyz' })).statusCode === 200, { description: 'ingest ready' });
    return {
      app,
      grpcAddress: `127.0.0.1:${grpcPort}`,
      async close() {
        await grpc.close(1_000);
        await app.close();
        await ingest.stop();
        await publisher.disconnect();
        await database.close();
      },
    };
  } catch (error) {
    await publisher.disconnect();
    await database.close();
    throw error;
  }
}

/** A valid site-form submission; `marker` makes its text distinct from every other one. */
export function aSubmission(marker: string, overrides: Partial<AppealSubmission> = {}): AppealSubmission {
  return {
    text: `Во дворе дома 5 по улице Ленина не горит фонарь (${marker})`,
    author: { name: 'Иванова Мария Петровна', email: 'maria@example.org' },
    problemAddress: 'ул. Ленина, 5',
    ...overrides,
  };
}

export function postAppeal(app: FastifyInstance, body: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/v1/appeals', payload: body as object, headers });
}

export interface Acknowledgement {
  id: string;
  registrationNumber: string;
  status: string;
}

export interface ErrorResponse {
  statusCode: number;
  code: string;
  message: string;
  fields?: { field: string; message: string }[];
}

/** The registration year right now in the city, as ingest numbers appeals. */
export function cityYear(): string {
  return new Intl.DateTimeFormat('en', { timeZone: CITY_TIME_ZONE, year: 'numeric' }).format(new Date());
}

export interface IngestScenario {
  testKafka: TestKafka;
  dbName: string;
  ingest: RunningIngest;
  /** Everything on `<prefix>appeals.received`. */
  received: TopicCollector;
}

/** What each test of a concurrent suite gets from beforeEach: its own scenario and what closes it. */
export interface IngestContext {
  scenario: IngestScenario;
  teardown: Teardown;
}

/** A beforeEach for a suite whose tests each run their own ingest against the given registry. */
export function startIngestScenarioEach(registryUrl: () => string, options: () => ScenarioOptions = () => ({})) {
  return async (context: IngestContext): Promise<void> => {
    context.teardown = createTeardown();
    context.scenario = await startIngestScenario(context.teardown, registryUrl(), options());
  };
}

/** What a suite may set for the ingest of each scenario (the chat's Telegram bot, for one). */
export interface ScenarioOptions {
  chat?: ChatConfig;
}

/** A topic namespace and a database of its own, ingest on them, and a reader of what it publishes. */
export async function startIngestScenario(teardown: Teardown, registryUrl: string, options: ScenarioOptions = {}): Promise<IngestScenario> {
  const testKafka = teardown.add(await createTestKafka(infra, [], 'ingest'), (it) => it.dispose());
  const dbName = teardown.add(uniqueName('ingest'), dropDatabase);
  const ingest = teardown.add(await startIngest({ kafka: testKafka.kafka, names: testKafka.names, dbName, registryUrl, ...options }), (it) => it.close());
  const received = teardown.add(await collectTopics(testKafka.kafka, [testKafka.names.of('appeals.received')]), (it) => it.stop());
  return { testKafka, dbName, ingest, received };
}

/** Removes a test database once nothing uses it any more. */
export async function dropDatabase(dbName: string): Promise<void> {
  const database = await connectDatabase(infra.mongoUrl, dbName);
  try {
    await database.db.dropDatabase();
  } finally {
    await database.close();
  }
}
