import { randomUUID } from 'node:crypto';
import { credentials, Metadata } from '@grpc/grpc-js';
import { createStaffTokens, type StaffPrincipal, withStaffToken } from '@priemnaya/auth';
import type { TaskAssigned, UnitCode } from '@priemnaya/contracts';
import { connectDatabase } from '@priemnaya/database';
import { ExecutorServiceClient } from '@priemnaya/grpc/generated/priemnaya/executor/v1/executor.js';
import { createPublisher, type Publisher } from '@priemnaya/kafka';
import {
  collectTopics,
  createTeardown,
  createTestKafka,
  deleteTopics,
  testInfra,
  type TestKafka,
  testLogger,
  type TopicCollector,
  uniqueName,
  waitFor,
  waitForCaughtUp,
} from '@priemnaya/testing';
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from 'mongodb';
import { buildExecutorService, type ExecutorService } from '../../src/app.js';
import type { TaskView } from '../../src/data-access/task-repository.js';

export const infra = testInfra();

/** The units whose task topics exist from the start. */
export const UNITS: UnitCode[] = ['zhkh', 'roads'];

/** How often the executor looks for new task topics: short, so a new unit is picked up soon. */
const TOPIC_REFRESH_MS = 500;

/** The secret the executors of these tests verify staff tokens with. */
export const staffTokens = createStaffTokens('executor-tests-staff-token-secret-0123456789');

export type Staff = Pick<StaffPrincipal, 'staffId' | 'role' | 'units'>;
export const executorOf = (unit: UnitCode, staffId = `e-${unit}`): Staff => ({ staffId, role: 'executor', units: [unit] });
export const supervisorOf = (...units: UnitCode[]): Staff => ({ staffId: `s-${units.join('-')}`, role: 'supervisor', units });
export const ADMINISTRATOR: Staff = { staffId: 'a-1', role: 'administrator', units: [] };
export const OPERATOR: Staff = { staffId: 'o-1', role: 'intake-operator', units: [] };

export const tokenOf = (staff: Staff): Promise<string> => staffTokens.issue(staff);
export const metadataOf = async (staff: Staff): Promise<Metadata> => withStaffToken(new Metadata(), await tokenOf(staff));

export interface RunningExecutor {
  service: ExecutorService;
  groupId: string;
  /** The executor's HTTP API as `staff` (anonymous without). */
  get(url: string, staff?: Staff, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body: unknown, staff?: Staff): Promise<LightMyRequestResponse>;
  put(url: string, body: unknown, staff?: Staff): Promise<LightMyRequestResponse>;
  /** Base URL of the listening HTTP server (for streams). */
  url: string;
  client: ExecutorServiceClient;
  grpcAddress: string;
}

/** vitest's `onTestFinished` from the test context: each concurrent test cleans up after itself. */
export type OnTestFinished = (cleanup: () => Promise<void>) => void;

export interface ExecutorScenario {
  testKafka: TestKafka;
  publisher: Publisher;
  executor: RunningExecutor;
  /** The executor's database (to leave it as a crash would). */
  db: Db;
  /** What the executor produced on appeals.events. */
  events: TopicCollector;
  /** Waits until the executor has recorded everything the task topics (of UNITS unless told) hold now. */
  caughtUp(units?: UnitCode[]): Promise<void>;
  /** Another process of the same service: same database and consumer group, its own gRPC server. */
  startAnother(): Promise<{ service: ExecutorService; client: ExecutorServiceClient }>;
}

/**
 * A topic namespace with a task topic per unit of UNITS, a publisher into it and the real
 * executor (HTTP listening, gRPC on a free port) on an empty database and a consumer group of its
 * own, started unless told otherwise; everything is closed, and the database dropped, when the
 * test finishes.
 */
export async function startExecutorScenario(
  onTestFinished: OnTestFinished,
  options: { start?: boolean; eventPublisher?: (testKafka: TestKafka) => Publisher; now?: () => Date } = {},
): Promise<ExecutorScenario> {
  const teardown = createTeardown();
  onTestFinished(() => teardown.run());
  const testKafka = await createTestKafka(infra, UNITS, 'executor');
  teardown.add(testKafka, (it) => deleteTopics(it.kafka, it.prefix));
  const publisher = teardown.add(createPublisher({ kafka: testKafka.kafka, names: testKafka.names }), (it) => it.disconnect());
  await publisher.connect();
  const database = teardown.add(await connectDatabase(infra.mongoUrl, uniqueName('executor')), async (it) => {
    await it.db.dropDatabase();
    await it.close();
  });
  const groupId = uniqueName('executor');
  const build = async () => teardown.add(
    await buildExecutorService({
      logger: testLogger(),
      database,
      kafka: testKafka.kafka,
      names: testKafka.names,
      groupId,
      tokens: staffTokens,
      topicRefreshMs: TOPIC_REFRESH_MS,
      feedPollMs: 200,
      relayIntervalMs: 0,
      ...(options.eventPublisher ? { publisher: options.eventPublisher(testKafka) } : {}),
      ...(options.now ? { now: options.now } : {}),
    }),
    async (it) => {
      await it.grpc.close(1_000);
      const closing = it.http.close();
      it.http.server.closeAllConnections();
      await closing;
      await it.stop();
    },
  );
  const service = await build();
  const url = await service.http.listen({ host: '127.0.0.1', port: 0 });
  const port = await service.grpc.listen('127.0.0.1', 0);
  const grpcAddress = `127.0.0.1:${port}`;
  const client = teardown.add(new ExecutorServiceClient(grpcAddress, credentials.createInsecure()), async (it) => it.close());
  const events = teardown.add(await collectTopics(testKafka.kafka, [testKafka.names.of('appeals.events')]), (it) => it.stop());
  if (options.start ?? true) await service.start();
  const request = async (method: 'GET' | 'POST' | 'PUT', target: string, body: unknown, staff?: Staff, headers: Record<string, string> = {}) =>
    service.http.inject({
      method,
      url: target,
      headers: { ...headers, ...(staff ? { authorization: `Bearer ${await tokenOf(staff)}` } : {}) },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  return {
    testKafka,
    publisher,
    db: database.db,
    events,
    executor: {
      service,
      groupId,
      url,
      client,
      grpcAddress,
      get: (target, staff, headers) => request('GET', target, undefined, staff, headers),
      post: (target, body, staff) => request('POST', target, body, staff),
      put: (target, body, staff) => request('PUT', target, body, staff),
    },
    caughtUp: (units = UNITS) => waitForCaughtUp(testKafka.kafka, groupId, units.map((unit) => testKafka.names.tasks(unit))),
    async startAnother() {
      const another = await build();
      const anotherPort = await another.grpc.listen('127.0.0.1', 0);
      await another.start();
      return { service: another, client: teardown.add(new ExecutorServiceClient(`127.0.0.1:${anotherPort}`, credentials.createInsecure()), async (it) => it.close()) };
    },
  };
}

let sequence = 0;
// A day before the run, not a fixed date: the extension rule tests the answer term against the
// service's real clock, so a fixed date would make every extension refused once its term ran out.
const BASE_TIME = Date.now() - 24 * 3_600_000;

/** A valid task for zhkh, distinct from every other one, received a minute after the previous one. */
export function aTask(overrides: Partial<TaskAssigned> = {}): TaskAssigned {
  sequence += 1;
  const receivedAt = BASE_TIME + sequence * 60_000;
  return {
    version: 1,
    appealId: randomUUID(),
    registrationNumber: `${String(sequence).padStart(5, '0')}/2026`,
    unit: 'zhkh',
    topic: 'housing',
    channel: 'site',
    receivedAt: new Date(receivedAt).toISOString(),
    routedAt: new Date(receivedAt + 2_000).toISOString(),
    text: `Во дворе дома 5 по улице Ленина не горит фонарь (обращение ${sequence})`,
    reason: { kind: 'keyword-rule', ruleId: 'sample-housing', matchedTerms: ['фонарь'] },
    ...overrides,
  };
}

/** The staff member who sees every unit's list in these tests. */
const READER = ADMINISTRATOR;

/** What the executor answers on `GET /v1/units/:unit/tasks`, in the order it lists them. */
export async function tasksOf(executor: RunningExecutor, unit: string, query = ''): Promise<TaskView[]> {
  const response = await executor.get(`/v1/units/${unit}/tasks${query}`, READER);
  if (response.statusCode !== 200) throw new Error(`tasks of ${unit}: ${response.statusCode} ${response.body}`);
  const body = response.json<{ unit: string; tasks: TaskView[] }>();
  if (body.unit !== unit) throw new Error(`tasks of ${unit} answered for unit ${body.unit}`);
  return body.tasks;
}

/** Waits until the unit lists the task, and returns it as listed. */
export function waitForTask(executor: RunningExecutor, unit: string, appealId: string): Promise<TaskView> {
  return waitFor(async () => (await tasksOf(executor, unit)).find((task) => task.appealId === appealId), {
    description: `the task of appeal ${appealId} in the ${unit} list`,
  });
}

/** Publishes a task and waits until the executor has recorded it. */
export async function deliverTask(scenario: ExecutorScenario, overrides: Partial<TaskAssigned> = {}): Promise<TaskAssigned> {
  const task = aTask(overrides);
  await scenario.publisher.publish([{ topic: 'tasks', payload: task }]);
  await waitForTask(scenario.executor, task.unit, task.appealId);
  return task;
}

/** Puts an available executor into the unit's directory, as its supervisor would. */
export async function addExecutor(executor: RunningExecutor, unit: UnitCode, staffId: string): Promise<void> {
  const response = await executor.put(`/v1/units/${unit}/executors/${staffId}`, { available: true }, supervisorOf(unit));
  if (response.statusCode !== 200) throw new Error(`add executor: ${response.statusCode} ${response.body}`);
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  fields?: { field: string; message: string }[];
}
