import { randomUUID } from 'node:crypto';
import { createStaffTokens, type StaffPrincipal } from '@priemnaya/auth';
import type { AppealReceived, AppealRouted, AppealStatus, AppealTriageRequested } from '@priemnaya/contracts';
import { connectDatabase, type Database } from '@priemnaya/database';
import { createPublisher, type Publisher } from '@priemnaya/kafka';
import { createTeardown, createTestKafka, deleteTopics, testInfra, type TestKafka, testLogger, uniqueName, waitFor, waitForCaughtUp } from '@priemnaya/testing';
import type { LightMyRequestResponse } from 'fastify';
import { buildRegistryService, type RegistryService } from '../../src/app.js';

export const infra = testInfra();

const STAFF_TOKEN_SECRET = 'registry-tests-staff-token-secret-0123456789';
const staffTokens = createStaffTokens(STAFF_TOKEN_SECRET);

/** A valid staff token for the principal, as the fleet's identity service would issue it. */
export function tokenFor(principal: StaffPrincipal): Promise<string> {
  return staffTokens.issue(principal);
}

/** A well-formed token signed with another secret: the registry must not trust it. */
export function foreignToken(principal: StaffPrincipal): Promise<string> {
  return createStaffTokens('another-secret-that-is-long-enough-0123456789').issue(principal);
}

export interface RunningRegistry {
  service: RegistryService;
  groupId: string;
  databaseName: string;
  get(url: string): Promise<LightMyRequestResponse>;
  /** A GET with `Authorization: Bearer <token>`, or with no header when the token is undefined. */
  staffGet(url: string, token: string | undefined): Promise<LightMyRequestResponse>;
}

interface OpenedRegistry {
  database: Database;
  service?: RegistryService;
}

/** Stops the service and closes its HTTP server, then drops and closes its database. */
async function closeRegistry({ database, service }: OpenedRegistry): Promise<void> {
  try {
    await service?.http.close();
    await service?.stop();
  } finally {
    await database.db.dropDatabase();
    await database.close();
  }
}

export interface RegistryOptions {
  /** The registry's clock; the system clock unless given. */
  now?: () => Date;
  /** How long the units' charts serve one read; 0 (every chart reads) unless given. */
  unitStatsMaxAgeMs?: number;
  /** Another registry's database, to replay into what it already holds; a new, empty one unless given. */
  databaseName?: string;
}

/** The real registry service with a consumer group of its own, built but not started. */
async function buildRegistry(opened: OpenedRegistry[], testKafka: TestKafka, options: RegistryOptions = {}): Promise<RunningRegistry> {
  const databaseName = options.databaseName ?? uniqueName('registry');
  const entry: OpenedRegistry = { database: await connectDatabase(infra.mongoUrl, databaseName) };
  opened.push(entry);
  const groupId = uniqueName('registry');
  const service = await buildRegistryService({
    logger: testLogger(), database: entry.database, kafka: testKafka.kafka, names: testKafka.names, groupId, staffTokens,
    ...(options.now !== undefined ? { now: options.now } : {}),
    unitStatsMaxAgeMs: options.unitStatsMaxAgeMs ?? 0,
  });
  entry.service = service;
  return {
    service,
    groupId,
    databaseName,
    get: (url) => service.http.inject({ method: 'GET', url }),
    staffGet: (url, token) => service.http.inject({ method: 'GET', url, headers: token !== undefined ? { authorization: `Bearer ${token}` } : {} }),
  };
}

/** vitest's `onTestFinished` from the test context: each concurrent test cleans up after itself. */
export type OnTestFinished = (cleanup: () => Promise<void>) => void;

export interface RegistryScenario {
  testKafka: TestKafka;
  publisher: Publisher;
  registry: RunningRegistry;
  /** Another registry on the same topics, with a new consumer group (and an empty database unless told), not started. */
  buildRegistry(options?: RegistryOptions): Promise<RunningRegistry>;
  /** Waits until the registry (the first one unless told) has applied everything its topics hold now. */
  caughtUp(registry?: RunningRegistry): Promise<void>;
}

/**
 * A topic namespace of its own, a publisher into it and a registry reading it, started unless
 * told otherwise; everything is closed when the test finishes.
 */
export async function startRegistryScenario(
  onTestFinished: OnTestFinished,
  { start = true, ...options }: { start?: boolean } & Omit<RegistryOptions, 'databaseName'> = {},
): Promise<RegistryScenario> {
  const teardown = createTeardown();
  onTestFinished(() => teardown.run());
  const testKafka = await createTestKafka(infra, [], 'registry');
  teardown.add(testKafka, (it) => deleteTopics(it.kafka, it.prefix));
  const publisher = teardown.add(createPublisher({ kafka: testKafka.kafka, names: testKafka.names }), (it) => it.disconnect());
  await publisher.connect();
  // Registries stop side by side: each consumer's stop waits out its fetch in flight.
  const opened = teardown.add<OpenedRegistry[]>([], (list) => Promise.all(list.map(closeRegistry)));
  const registry = await buildRegistry(opened, testKafka, options);
  if (start) await registry.service.start();
  const topics = [testKafka.names.of('appeals.received'), testKafka.names.of('appeals.events')];
  return {
    testKafka,
    publisher,
    registry,
    buildRegistry: (more) => buildRegistry(opened, testKafka, { ...options, ...more }),
    caughtUp: (which = registry) => waitForCaughtUp(testKafka.kafka, which.groupId, topics),
  };
}

let sequence = 0;
const BASE_TIME = Date.parse('2026-11-22T10:00:00.000Z');

function at(offsetSeconds: number): string {
  return new Date(BASE_TIME + offsetSeconds * 1_000).toISOString();
}

/** A valid appeal, distinct from every other one; its events happen seconds after it. */
export function aReceivedAppeal(overrides: Partial<AppealReceived> = {}): AppealReceived {
  sequence += 1;
  return {
    version: 2,
    appealId: randomUUID(),
    registrationNumber: `${String(sequence).padStart(5, '0')}/2026`,
    channel: 'site',
    receivedAt: at(sequence * 60),
    author: { name: 'Иванова Мария Петровна', email: 'maria.ivanova@example.org', phone: '+7 900 123-45-67' },
    text: `Во дворе дома 5 по улице Ленина не горит фонарь (обращение ${sequence})`,
    problemAddress: 'ул. Ленина, 5',
    kind: 'appeal',
    attachments: [],
    raw: { format: 'json', body: {} },
    screening: [],
    ...overrides,
  };
}

function later(appeal: AppealReceived, seconds: number): string {
  return new Date(Date.parse(appeal.receivedAt) + seconds * 1_000).toISOString();
}

export function aRoutedEvent(appeal: AppealReceived, overrides: Partial<AppealRouted> = {}): AppealRouted {
  return {
    version: 1,
    type: 'appeal.routed',
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt: later(appeal, 2),
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    topic: 'housing',
    unit: 'zhkh',
    reason: { kind: 'keyword-rule', ruleId: 'sample-housing', matchedTerms: ['фонарь'] },
    ...overrides,
  };
}

export function aTriagedEvent(appeal: AppealReceived, overrides: Partial<AppealTriageRequested> = {}): AppealTriageRequested {
  return {
    version: 1,
    type: 'appeal.triaged',
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt: later(appeal, 1),
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    reason: { kind: 'no-rule-matched' },
    ...overrides,
  };
}

export interface StatusView {
  id: string;
  registrationNumber: string;
  status: AppealStatus;
  unit?: string;
  topic?: string;
  receivedAt: string;
  updatedAt: string;
}

export interface HistoryView {
  id: string;
  history: { type: string; occurredAt: string; status: AppealStatus; unit?: string; topic?: string }[];
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  fields?: { field: string; message: string }[];
}

/** Waits until the appeal shows the status, and returns what the registry answers. */
export function waitForStatus(registry: RunningRegistry, appealId: string, status: AppealStatus): Promise<StatusView> {
  return waitFor(
    async () => {
      const response = await registry.get(`/v1/appeals/${appealId}/status`);
      const view = response.statusCode === 200 ? response.json<StatusView>() : undefined;
      return view?.status === status ? view : undefined;
    },
    { description: `appeal ${appealId} to show status ${status}` },
  );
}

export async function statusOf(registry: RunningRegistry, appealId: string): Promise<StatusView> {
  const response = await registry.get(`/v1/appeals/${appealId}/status`);
  if (response.statusCode !== 200) throw new Error(`status of ${appealId}: ${response.statusCode} ${response.body}`);
  return response.json<StatusView>();
}

export async function historyOf(registry: RunningRegistry, appealId: string): Promise<HistoryView> {
  const response = await registry.get(`/v1/appeals/${appealId}/history`);
  if (response.statusCode !== 200) throw new Error(`history of ${appealId}: ${response.statusCode} ${response.body}`);
  return response.json<HistoryView>();
}
