import type { StaffTokens } from '@priemnaya/auth';
import type { Database } from '@priemnaya/database';
import { createGrpcServer, type GrpcServer } from '@priemnaya/grpc';
import { createHttpServer } from '@priemnaya/http';
import { createBrokerProbe, createPublisher, type ConsumerContext, type Publisher, type RunningConsumer } from '@priemnaya/kafka';
import { liveness } from '@priemnaya/observability';
import type { FastifyInstance } from 'fastify';
import { createExecutorDirectory } from './data-access/executor-directory.js';
import { createTaskRepository } from './data-access/task-repository.js';
import { createWorkLog } from './data-access/work-log.js';
import { createTaskFeed, type TaskFeed } from './delivery/task-feed.js';
import { executorService } from './entry-points/grpc/executor-service.js';
import { executorRoutes } from './entry-points/http/executor-routes.js';
import { serveExecutorOpenApi } from './entry-points/http/executor-openapi.js';
import { taskRoutes } from './entry-points/http/task-routes.js';
import { taskStreamRoutes } from './entry-points/http/task-stream-routes.js';
import { startTasksConsumer } from './entry-points/kafka/tasks-consumer.js';
import type { DeadlineRules } from './domain/extension-terms.js';
import { createWorkActions } from './use-cases/act-on-task.js';
import { createDeliverRecorded, createOutboxRelay, type OutboxRelay } from './use-cases/deliver-recorded.js';
import { createRecordTask } from './use-cases/record-task.js';

/** The consumer's context (Kafka, topic names, group, logger, what to do on a fatal crash) and the service's own. */
export interface ExecutorDeps extends ConsumerContext {
  database: Database;
  tokens: StaffTokens;
  /** How often to look for task topics of units added since start-up. */
  topicRefreshMs?: number;
  /** How often streams look for tasks recorded by other processes. */
  feedPollMs?: number;
  /** How often the outbox relay produces what was left unproduced; 0 runs it only on start and on `relay()`. */
  relayIntervalMs?: number;
  /** Replaces the producer of appeals.events (tests make it fail to see the outbox at work). */
  publisher?: Publisher;
  /** The deadline policies and calendar the extension rule reads, as the monitor has them; those shipped when absent. */
  deadlineRules?: () => DeadlineRules;
  /** The time actions are recorded at and terms are tested against; the system clock when absent. */
  now?: () => Date;
}

export interface ExecutorService {
  http: FastifyInstance;
  grpc: GrpcServer;
  feed: TaskFeed;
  relay: OutboxRelay;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the executor service without listening or consuming, so tests can start the real thing. */
export async function buildExecutorService(deps: ExecutorDeps): Promise<ExecutorService> {
  const db = deps.database.db;
  const tasks = createTaskRepository(db);
  const work = createWorkLog(db);
  const executors = createExecutorDirectory(db);
  const publisher = deps.publisher ?? createPublisher({ kafka: deps.kafka, names: deps.names });
  const feed = createTaskFeed({ tasks, logger: deps.logger, pollMs: deps.feedPollMs ?? 1_000 });
  const deliver = createDeliverRecorded({ tasks, work, feed, publisher });
  const actions = createWorkActions({
    tasks,
    work,
    executors,
    deliver,
    logger: deps.logger,
    ...(deps.deadlineRules ? { deadlineRules: deps.deadlineRules } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const recordTask = createRecordTask({ tasks, work, feed });
  const relayIntervalMs = deps.relayIntervalMs ?? 5_000;
  // Listing the units' task topics and subscribing to new ones: a few bounded broker calls.
  const refreshProgress = liveness.watch('refresh task topics', { boundMs: 120_000 });
  const relay = createOutboxRelay({ tasks, work, deliver, logger: deps.logger, intervalMs: relayIntervalMs, graceMs: relayIntervalMs });
  const admin = deps.kafka.admin();
  let consumer: RunningConsumer | undefined;
  let subscribed = new Set<string>();
  let refreshTimer: NodeJS.Timeout | undefined;
  let refreshing: Promise<void> = Promise.resolve();

  // A consumer still looks healthy while kafkajs retries a broker that is gone; this asks the broker.
  const broker = createBrokerProbe(deps.kafka);
  const http = createHttpServer({
    logger: deps.logger,
    readinessChecks: { database: () => deps.database.ping(), kafka: () => broker.reachable(), consumer: () => consumer?.healthy() ?? false },
  });
  taskStreamRoutes(http, { tokens: deps.tokens, feed });
  taskRoutes(http, { tokens: deps.tokens, tasks, actions });
  executorRoutes(http, { tokens: deps.tokens, executors });
  await serveExecutorOpenApi(http);
  await http.ready();

  const service = executorService({ logger: deps.logger, tokens: deps.tokens, tasks, actions, executors, feed });
  const server = createGrpcServer([service.binding]);
  const grpc: GrpcServer = {
    listen: (host, port) => server.listen(host, port),
    async close(graceMs) {
      // Watches never end by themselves.
      service.closeAll();
      await server.close(graceMs);
    },
  };

  async function taskTopics(): Promise<Set<string>> {
    const pattern = deps.names.tasksPattern();
    return new Set((await admin.listTopics()).filter((topic) => pattern.test(topic)));
  }

  async function consume(): Promise<void> {
    const topics = await taskTopics();
    consumer = await startTasksConsumer(deps, recordTask);
    // Only a consumer that started counts as subscribed, so a failed start is retried next tick.
    subscribed = topics;
  }

  // kafkajs resolves a pattern subscription once, so a unit added later needs a re-subscription.
  async function refresh(): Promise<void> {
    const current = await taskTopics();
    if (consumer && [...current].every((topic) => subscribed.has(topic))) return;
    deps.logger.info({ topics: current.size }, 'new task topics, re-subscribing');
    await consumer?.stop();
    consumer = undefined;
    await consume();
  }

  return {
    http,
    grpc,
    feed,
    relay,
    async start() {
      await Promise.all([tasks.ensureIndexes(), work.ensureIndexes(), executors.ensureIndexes()]);
      await admin.connect();
      await publisher.connect();
      if (relayIntervalMs > 0) relay.start();
      else await relay.relayOnce();
      await consume();
      refreshTimer = setInterval(() => {
        refreshing = refreshing
          .then(() => refreshProgress.run(refresh))
          .catch((error: unknown) => deps.logger.warn({ err: error }, 'task topic refresh failed'));
      }, deps.topicRefreshMs ?? 30_000);
    },
    async stop() {
      clearInterval(refreshTimer);
      service.closeAll();
      feed.close();
      await refreshing;
      refreshProgress.close();
      await consumer?.stop();
      await relay.stop();
      await publisher.disconnect();
      await admin.disconnect();
      await broker.close();
    },
  };
}
